import './styles.css';
import { render } from 'preact';
import { ConsoleAuth, SignInError, type User } from './auth.js';
import { syncLocation } from './app/router.js';
import { call, session, setAuth } from './app/session.js';
import { Shell } from './app/shell.js';
import { VIEWS } from './views/index.js';

/**
 * The staff console: Preact + signals. Signs in (web/console/auth.ts), asks who the user is
 * (GET /api/staff/me), then renders the view the address names (the route table in
 * views/index.ts). Deep links under /console/ survive the sign-in.
 */

async function signedIn(user: User): Promise<void> {
  let res;
  try {
    res = await call('GetStaffMe');
  } catch {
    session.value = { phase: 'unavailable', message: 'Ihre Angaben konnten nicht geladen werden. Bitte prüfen Sie die Verbindung und laden Sie die Seite neu.' };
    return;
  }
  if (res.status === 401) session.value = { phase: 'signed-out' };
  else if (res.ok) session.value = { phase: 'signed-in', user, me: res.body };
  else if (res.status === 403) session.value = { phase: 'no-role', user };
  else session.value = { phase: 'unavailable', message: 'Ihre Angaben konnten nicht geladen werden. Bitte laden Sie die Seite neu.' };
}

async function boot(): Promise<void> {
  let auth: ConsoleAuth;
  try {
    auth = await ConsoleAuth.load();
  } catch {
    session.value = { phase: 'unavailable', message: 'Die Anmeldung ist gerade nicht erreichbar. Bitte laden Sie die Seite später neu.' };
    return;
  }
  setAuth(auth);
  auth.onChange((user) => {
    if (!user) session.value = { phase: 'signed-out' };
  });
  let user: User | undefined;
  try {
    user = await auth.start();
  } catch (err) {
    syncLocation();
    session.value = {
      phase: 'signed-out',
      problem: err instanceof SignInError ? err.message : 'Die Anmeldung ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
    };
    return;
  }
  syncLocation(); // the sign-in put the deep link back into the address bar
  if (user) await signedIn(user);
  else session.value = { phase: 'signed-out' };
}

const root = document.getElementById('app')!;
root.textContent = '';
render(<Shell views={VIEWS} />, root);
void boot();
