// Local sign-in: asks the local token endpoint for an ID token, then calls the staff API with it.
const form = document.getElementById('sign-in');
const status = document.getElementById('status');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  status.textContent = 'Anmeldung …';
  const data = Object.fromEntries(new FormData(form));
  const res = await fetch('/local/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data),
  });
  const body = await res.json();
  if (!res.ok) {
    status.textContent = body.message;
    return;
  }
  const auth = { authorization: `Bearer ${body.id_token}` };
  const me = await (await fetch('/api/staff/me', { headers: auth })).json();
  const list = await fetch('/api/staff/participants?limit=10', { headers: auth });
  document.getElementById('me').textContent = JSON.stringify(me, null, 2);
  document.getElementById('participants').textContent = `${list.status}\n${JSON.stringify(await list.json(), null, 2)}`;
  document.getElementById('token').value = body.id_token;
  document.getElementById('result').hidden = false;
  status.textContent = `Angemeldet als ${data.username}.`;
});
