import { DEMO_PASSWORD, DEMO_USERS, ROLE_LABELS } from './users.js';

/**
 * The pages of the local authorization server, in German: login, sign-out and errors. They stand
 * in for Cognito's managed login pages. No inline script or style: the CSP below allows only
 * files from this server (`/local/auth/assets/`), and the login works without any script at all.
 */

export const ASSETS_PATH = '/local/auth/assets';

export const AUTH_PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function layout(title: string, body: string, script?: string): string {
  return `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="${ASSETS_PATH}/auth.css">${script ? `\n  <script src="${ASSETS_PATH}/${script}" defer></script>` : ''}
</head>
<body>
  <header class="bar"><span class="brand">BIWAQ</span> <span class="bar__note">Lokale Anmeldung (anstelle von Cognito)</span></header>
  <main id="main" class="card">
${body}
  </main>
</body>
</html>
`;
}

export interface LoginPageOptions {
  /** Where the form posts: `/local/auth/interaction/<uid>/login`. */
  action: string;
  username?: string;
  failed?: boolean;
}

const siteLabel = (site: string | undefined) => (site ? site[0]!.toUpperCase() + site.slice(1) : 'alle Standorte, keine personenbezogenen Daten');

export function loginPage(o: LoginPageOptions): string {
  const error = o.failed
    ? `    <div class="error" id="login-error" role="alert">
      <h2 class="error__title">Anmeldung fehlgeschlagen</h2>
      <p>Benutzername oder Passwort ist falsch. Bitte prüfen Sie beides und versuchen Sie es erneut.</p>
    </div>\n`
    : '';
  const invalid = o.failed ? ' aria-invalid="true"' : '';
  const describedBy = (id: string) => (o.failed ? `login-error ${id}` : id);
  const users = DEMO_USERS.map(
    (u) => `        <tr><th scope="row"><code>${escapeHtml(u.username)}</code></th><td>${ROLE_LABELS[u.role]}</td><td>${escapeHtml(siteLabel(u.site))}</td></tr>`,
  ).join('\n');
  return layout(
    `${o.failed ? 'Fehler: ' : ''}Anmelden – BIWAQ Mitarbeitenden-Konsole`,
    `    <h1>Anmelden</h1>
    <p>Melden Sie sich an, um die Mitarbeitenden-Konsole zu öffnen.</p>
${error}    <form class="form" method="post" action="${escapeHtml(o.action)}">
      <label for="username">Benutzername</label>
      <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required
             value="${escapeHtml(o.username ?? '')}" aria-describedby="${describedBy('users-title')}"${invalid}${o.failed || !o.username ? ' autofocus' : ''}>
      <label for="password">Passwort</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required
             aria-describedby="${describedBy('password-hint')}"${invalid}${!o.failed && o.username ? ' autofocus' : ''}>
      <p id="password-hint" class="hint">Das Passwort aller Demo-Konten ist <code>${DEMO_PASSWORD}</code>.</p>
      <button type="submit" class="button">Anmelden</button>
    </form>
    <section class="users" aria-labelledby="users-title">
      <h2 id="users-title">Demo-Konten</h2>
      <table>
        <thead><tr><th scope="col">Benutzername</th><th scope="col">Rolle</th><th scope="col">Standort</th></tr></thead>
        <tbody>
${users}
        </tbody>
      </table>
    </section>`,
  );
}

/** RP-initiated logout: oidc-provider's confirmation form, sent at once by logout.js (as Cognito's /logout does). */
export function logoutPage(form: string): string {
  return layout(
    'Abmelden – BIWAQ',
    `    <h1>Abmelden</h1>
    <p role="status">Sie werden abgemeldet …</p>
    ${form}
    <button type="submit" class="button" id="logout" form="op.logoutForm" name="logout" value="yes">Jetzt abmelden</button>`,
    'logout.js',
  );
}

export function loggedOutPage(consoleUrl: string): string {
  return layout(
    'Abgemeldet – BIWAQ',
    `    <h1>Sie sind abgemeldet</h1>
    <p><a href="${escapeHtml(consoleUrl)}">Zur Mitarbeitenden-Konsole</a></p>`,
  );
}

export function errorPage(code: string, description?: string): string {
  return layout(
    'Fehler bei der Anmeldung – BIWAQ',
    `    <h1>Anmeldung nicht möglich</h1>
    <div class="error" role="alert">
      <p>Die Anfrage an die Anmeldung ist ungültig oder abgelaufen. Bitte starten Sie die Anmeldung in der Konsole neu.</p>
      <p class="hint"><code>${escapeHtml(code)}</code>${description ? ` – ${escapeHtml(description)}` : ''}</p>
    </div>
    <p><a href="/console/">Zur Mitarbeitenden-Konsole</a></p>`,
  );
}
