import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CLAIM, type Role } from '../../schemas/staff.js';
import { NotAllowed, NotSignedIn } from '../domain/errors.js';
import { config } from './config.js';

/** Who is calling a staff route, from the claims the JWT authorizer verified. */
export interface Principal {
  sub: string;
  /** The sign-in name (`cognito:username`), for the site's staff directory; never audited. */
  username?: string;
  role: Role;
  /** The caller's site; undefined for coordinators (all sites, no personal data). */
  site?: string;
}

type ClaimValue = string | number | boolean | string[] | undefined;

/**
 * Reads the verified claims. API Gateway has checked signature, issuer, audience and expiry
 * before the function runs (locally: local/auth does the same); handlers read nothing else.
 * API Gateway hands array claims over as strings like "[staff lead]", the local cloud as arrays.
 *
 * Only ID tokens: the authorizer's audience is the console's client id, and a Cognito access
 * token carries that id too (as `client_id`), so the authorizer alone would let one through.
 */
export function principalOf(event: APIGatewayProxyEventV2): Principal {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, ClaimValue> } } }).authorizer?.jwt?.claims;
  const sub = claims?.['sub'];
  if (typeof sub !== 'string' || sub === '') throw new NotSignedIn();
  if (claims?.['token_use'] !== 'id') throw new NotSignedIn();

  const groups = listClaim(claims[CLAIM.groups]);
  const role: Role | undefined = groups.includes('coordinator')
    ? 'coordinator'
    : groups.includes('lead')
      ? 'lead'
      : groups.includes('staff')
        ? 'staff'
        : undefined;
  if (!role) throw new NotAllowed();
  if (role === 'coordinator') return { sub, role };

  // A staff user without a configured site sees nothing rather than everything.
  const site = claims[CLAIM.site];
  if (typeof site !== 'string' || !config().siteIds.includes(site)) throw new NotAllowed();
  const username = claims[CLAIM.username];
  return { sub, role, site, ...(typeof username === 'string' && username !== '' ? { username } : {}) };
}

export function listClaim(value: ClaimValue): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** A principal bound to one site (staff and leads): the only ones who see personal data. */
export type SitePrincipal = Principal & { site: string };

export function requireSite(p: Principal): SitePrincipal {
  if (p.role === 'coordinator' || !p.site) throw new NotAllowed();
  return p as SitePrincipal;
}
