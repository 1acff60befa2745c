import './styles.css';
import type { Role } from '../../schemas/staff.js';
import { api } from '../shared/api-client.js';
import { byId } from '../shared/dom.js';
import { ConsoleAuth, SignInError, type User } from './auth.js';

/**
 * The staff console's shell: sign-in, who is signed in (from GET /api/staff/me with the ID token),
 * sign-out. The console's views are built on top of it; deep links under /console/ survive the
 * sign-in (web/console/auth.ts).
 */

const ROLE_LABELS: Record<Role, string> = { staff: 'Beratung', lead: 'Leitung', coordinator: 'Koordination' };

interface Me {
  sub: string;
  role: Role;
  site: { id: string; name: string } | null;
}

let auth: ConsoleAuth;

function show(id: 'signed-in' | 'signed-out' | null): void {
  byId('loading').hidden = true;
  byId('signed-in').hidden = id !== 'signed-in';
  byId('signed-out').hidden = id !== 'signed-out';
  byId('account').hidden = id !== 'signed-in';
}

function showProblem(text: string | undefined): void {
  const el = byId('problem');
  el.textContent = text ?? '';
  el.hidden = !text;
}

function showSignedOut(): void {
  show('signed-out');
}

async function showSignedIn(user: User): Promise<void> {
  const res = await api('GetStaffMe', { fetch: (url, init) => auth.fetch(url, init) });
  if (res.status === 401) return showSignedOut();
  if (!res.ok) {
    show(null);
    showProblem(
      res.status === 403
        ? 'Ihr Konto hat keine Rolle in der Konsole. Bitte wenden Sie sich an Ihre Leitung.'
        : 'Ihre Angaben konnten nicht geladen werden. Bitte laden Sie die Seite neu.',
    );
    byId('account').hidden = false;
    return;
  }
  const me = res.body as Me;
  const text = `Angemeldet als ${user.username} (${ROLE_LABELS[me.role] ?? me.role} · ${me.site?.name ?? 'alle Standorte'})`;
  byId('who').textContent = text;
  byId('signed-in-as').textContent = text;
  show('signed-in');
  byId('signed-in-title').focus();
}

async function main(): Promise<void> {
  try {
    auth = await ConsoleAuth.load();
  } catch {
    show(null);
    showProblem('Die Anmeldung ist gerade nicht erreichbar. Bitte laden Sie die Seite später neu.');
    return;
  }
  byId('sign-in').addEventListener('click', (e) => {
    (e.currentTarget as HTMLButtonElement).disabled = true;
    void auth.signIn();
  });
  byId('sign-out').addEventListener('click', (e) => {
    (e.currentTarget as HTMLButtonElement).disabled = true;
    void auth.signOut();
  });
  auth.onChange((user) => {
    if (!user) showSignedOut();
  });

  let user: User | undefined;
  try {
    user = await auth.start();
  } catch (err) {
    showProblem(err instanceof SignInError ? err.message : 'Die Anmeldung ist fehlgeschlagen. Bitte versuchen Sie es erneut.');
  }
  if (user) await showSignedIn(user);
  else showSignedOut();
}

void main();
