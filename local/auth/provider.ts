import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { AuthStore } from './store.js';
import type { SigningKey } from './keys.js';
import { LOCAL_CLIENT_ID, userClaims, userWithSub } from './users.js';
import { errorPage, loggedOutPage, logoutPage } from './pages.js';

/**
 * The local authorization server: oidc-provider configured to speak what the console needs from
 * Cognito's managed login — authorization code with PKCE (S256) for one public client, ID tokens
 * with Cognito's claims (RS256), refresh tokens (rotated), RP-initiated logout — and nothing more.
 * Endpoints follow Cognito's paths (`/oauth2/authorize`, `/oauth2/token`, `/oauth2/revoke`,
 * `/logout`); the login page is ours (local/auth/interaction.ts).
 */

/** Lifetimes as the app client has them on AWS (infra/constructs/auth.ts). */
export const TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 10 * 60 * 60;

/** The resource the console's access tokens are for (JWTs, like Cognito's; never accepted as ID tokens). */
export const STAFF_API_RESOURCE = 'urn:biwaq:staff-api';
const OIDC_SCOPES = 'openid email profile';

export interface ProviderOptions {
  issuer: string;
  /** Where the console lives: `${apiUrl}/console/`. */
  consoleUrl: string;
  key: SigningKey;
  store: AuthStore;
}

let providerClass: Promise<typeof import('oidc-provider').default> | undefined;

/**
 * oidc-provider 9 warns on every Node before 22 at import. It runs on 20.19+: what it needs beyond
 * Node 20's baseline (URL.parse, crypto.hash, URL.canParse) is there since 20.18, and the tests
 * drive every endpoint the console uses. Only that one line is held back.
 */
function loadProvider(): Promise<typeof import('oidc-provider').default> {
  providerClass ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
      warn(...args);
    };
    try {
      return (await import('oidc-provider')).default;
    } finally {
      console.warn = warn;
    }
  })();
  return providerClass;
}

export async function createProvider(opts: ProviderOptions) {
  const Provider = await loadProvider();
  const configuration: Configuration = {
    adapter: opts.store.adapter,
    jwks: { keys: [opts.key.privateJwk as never] },
    cookies: {
      keys: opts.key.cookieKeys,
      // The provider's cookies go only to its own endpoints, never to /api or the pages.
      long: { httpOnly: true, sameSite: 'lax', path: new URL(opts.issuer).pathname },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_name: 'BIWAQ Mitarbeitenden-Konsole',
        application_type: 'web',
        token_endpoint_auth_method: 'none', // a public client: no secret, PKCE instead
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [opts.consoleUrl],
        post_logout_redirect_uris: [opts.consoleUrl],
        id_token_signed_response_alg: 'RS256',
        require_auth_time: true,
      },
    ],
    // What the console requests, as the Cognito app client allows it: openid email profile.
    scopes: ['openid', 'email', 'profile'],
    claims: {
      openid: ['sub', 'token_use', 'cognito:username', 'cognito:groups', 'custom:site'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // As Cognito: the ID token carries every claim of the granted scopes (the console reads none from userinfo).
    conformIdTokenClaims: false,
    // The console is on the server's own origin; no other page may call the token endpoint.
    clientBasedCORS: (_ctx, origin) => origin === new URL(opts.issuer).origin,
    async findAccount(_ctx, sub) {
      const user = userWithSub(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims(use) {
          return {
            sub,
            ...(use === 'id_token' ? { token_use: 'id' } : {}),
            ...userClaims(user),
            name: user.username,
          };
        },
      };
    },
    pkce: { required: () => true }, // S256 is the only method oidc-provider 9 accepts
    responseTypes: ['code'],
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    features: {
      devInteractions: { enabled: false },
      // Nothing Cognito's managed login does not offer either.
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      // A client revokes its own tokens only (a public client: no secret, so no more to check).
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(opts.consoleUrl);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => STAFF_API_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          if (resource !== STAFF_API_RESOURCE) throw new (await loadErrors()).InvalidTarget();
          return {
            scope: OIDC_SCOPES,
            audience: LOCAL_CLIENT_ID,
            accessTokenTTL: TOKEN_SECONDS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // Cognito marks its access tokens the same way; the staff API refuses them (LocalAuth.verify).
    extraTokenClaims: async () => ({ token_use: 'access', client_id: LOCAL_CLIENT_ID }),
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    routes: {
      authorization: '/oauth2/authorize',
      token: '/oauth2/token',
      revocation: '/oauth2/revoke',
      userinfo: '/oauth2/userInfo',
      end_session: '/logout',
      jwks: '/.well-known/jwks.json',
    },
    interactions: { url: async (_ctx, interaction) => `${new URL(opts.issuer).pathname}/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(String(out.error ?? 'error'), out.error_description ? String(out.error_description) : undefined);
    },
    ttl: {
      AccessToken: TOKEN_SECONDS,
      IdToken: TOKEN_SECONDS,
      AuthorizationCode: 60,
      Interaction: 10 * 60,
      Session: REFRESH_TOKEN_SECONDS,
      Grant: REFRESH_TOKEN_SECONDS,
      // A rotated refresh token keeps the lifetime of the first one (sign in again after 10 h).
      RefreshToken: (ctx, _token, _client) =>
        ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? REFRESH_TOKEN_SECONDS,
    },
  };
  return new Provider(opts.issuer, configuration);
}

async function loadErrors() {
  return (await import('oidc-provider')).errors;
}
