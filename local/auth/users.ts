import { createHash, timingSafeEqual } from 'node:crypto';
import { CLAIM, type Role } from '../../schemas/staff.js';

/**
 * The demo staff of the local cloud: the stand-in for the users of the Cognito user pool (one
 * group per role, the `custom:site` attribute). One password for all of them.
 */

/** The console's client id on the local authorization server (on AWS: the app client's id). */
export const LOCAL_CLIENT_ID = 'biwaq-console-local';
export const DEMO_PASSWORD = 'biwaq-demo';

export interface DemoUser {
  username: string;
  role: Role;
  site?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'berater.marxloh', role: 'staff', site: 'marxloh' },
  { username: 'leitung.marxloh', role: 'lead', site: 'marxloh' },
  { username: 'berater.hochfeld', role: 'staff', site: 'hochfeld' },
  { username: 'leitung.hochfeld', role: 'lead', site: 'hochfeld' },
  { username: 'koordination', role: 'coordinator' },
];

/** German names of the roles, for the login page and the banner. */
export const ROLE_LABELS: Record<Role, string> = { staff: 'Beratung', lead: 'Leitung', coordinator: 'Koordination' };

/** A stable subject per demo user, so audit trails read the same after a restart. */
export function demoSub(username: string): string {
  const h = createHash('sha256').update(`local-user:${username}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function userNamed(username: unknown): DemoUser | undefined {
  return typeof username === 'string' ? DEMO_USERS.find((u) => u.username === username) : undefined;
}

export function userWithSub(sub: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => demoSub(u.username) === sub);
}

/** Compares in constant time (over hashes, so the length of the guess says nothing). */
export function isDemoPassword(given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(DEMO_PASSWORD).digest();
  return timingSafeEqual(a, b);
}

/** What Cognito puts on an ID token for a user of the pool, beside sub, iss, aud, iat, exp. */
export function userClaims(user: DemoUser): Record<string, unknown> {
  return {
    [CLAIM.username]: user.username,
    [CLAIM.groups]: [user.role],
    ...(user.site ? { [CLAIM.site]: user.site } : {}),
    email: `${user.username}@demo.biwaq.example`,
    email_verified: true,
  };
}
