import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { STAFF_API_RESOURCE } from './provider.js';
import { AUTH_PAGE_HEADERS, errorPage, loginPage } from './pages.js';
import { demoSub, isDemoPassword, userNamed } from './users.js';

/**
 * The login step of the local authorization server (oidc-provider's "interaction"): a German
 * page with username and password, checked against the demo users. The console is a first-party
 * client, so consent is granted without asking, as Cognito's managed login does.
 *
 *   GET  <issuer path>/interaction/<uid>         the login page (or the silent consent)
 *   POST <issuer path>/interaction/<uid>/login   username + password (form, no script needed)
 */
export async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login)?$/.exec(path);
  const method = (req.method ?? 'GET').toUpperCase();
  if (!match || (match[2] ? method !== 'POST' : method !== 'GET' && method !== 'HEAD')) return page(res, 404, errorPage('not_found'));

  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    // No interaction cookie, or the interaction expired (10 minutes): start again from the console.
    return page(res, 400, errorPage('interaction_expired', 'Die Anmeldung hat zu lange gedauert.'));
  }
  if (details.uid !== match[1]) return page(res, 400, errorPage('interaction_mismatch'));
  const action = `${req.url?.split('?')[0]?.replace(/\/login$/, '')}/login`;

  if (details.prompt.name === 'consent') {
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    const g = grant ?? new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params['client_id']) });
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) g.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) g.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      if (resource === STAFF_API_RESOURCE) g.addResourceScope(resource, scopes.join(' '));
    }
    const grantId = await g.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  if (details.prompt.name !== 'login') return page(res, 400, errorPage('unsupported_prompt'));

  if (method !== 'POST') return page(res, 200, loginPage({ action }));

  const form = await readForm(req);
  const user = userNamed(form?.get('username')?.trim());
  if (!user || !isDemoPassword(form?.get('password'))) {
    // 200, as a form page answers a wrong password (a 401 would need a WWW-Authenticate challenge).
    return page(res, 200, loginPage({ action, username: form?.get('username')?.slice(0, 64) ?? '', failed: true }));
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: demoSub(user.username), amr: ['pwd'] } },
    { mergeWithLastSubmission: false },
  );
}

function page(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), ...AUTH_PAGE_HEADERS });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > 4096) return undefined;
    chunks.push(c);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
