import { signal } from '@preact/signals';
import type { Role } from '../../../schemas/staff.js';
import type { RouteId } from '../../../schemas/routes/paths.js';
import { api, apiDownload, type Answer, type BodyOf, type ContractOf, type DownloadRouteId, type RequestOptions } from '../../common/api-client.js';
import type { ConsoleAuth, User } from '../auth.js';

/**
 * Who is signed in and how the views call the API: every call goes through the typed client with
 * the console's fetch (ID token as Bearer, renewal, one retry on 401).
 */

export type Me = BodyOf<'GetStaffMe'>;

export type Session =
  | { phase: 'loading' }
  | { phase: 'signed-out'; problem?: string }
  | { phase: 'unavailable'; message: string }
  | { phase: 'no-role'; user: User }
  | { phase: 'signed-in'; user: User; me: Me };

export const session = signal<Session>({ phase: 'loading' });

/** A message for the next view (e.g. after a transfer the record is gone: the list says where it went). */
export const flash = signal<{ path: string; text: string } | null>(null);

let auth: ConsoleAuth | undefined;

export function setAuth(a: ConsoleAuth): void {
  auth = a;
}

export function signIn(): void {
  void auth?.signIn();
}

export function signOut(): void {
  void auth?.signOut();
}

/** Calls a route by id as the signed-in user. Network failures reject (views offer a retry). */
export function call<I extends RouteId>(id: I, opts: Omit<RequestOptions<ContractOf<I>>, 'fetch' | 'token'> = {}): Promise<Answer<ContractOf<I>>> {
  const a = auth;
  if (!a) return Promise.reject(new Error('not signed in'));
  return api(id, { ...opts, fetch: (url, init) => a.fetch(url, init) } as RequestOptions<ContractOf<I>>);
}

/** The routes that answer with a file. */
export type DownloadId = DownloadRouteId;

export type Download = { ok: true; blob: Blob; filename: string } | { ok: false; status: number; message: string | undefined };

/**
 * Fetches a file as the signed-in user (the token goes in the Authorization header, so a plain
 * link cannot carry it): the bytes as a Blob and the name the server gave it.
 */
export async function download(id: DownloadId, query: Record<string, string | undefined>, params?: Record<string, string>): Promise<Download> {
  const a = auth;
  if (!a) throw new Error('not signed in');
  const res = await apiDownload(id, { query, ...(params ? { params } : {}), fetch: (url, init) => a.fetch(url, init) } as Parameters<typeof apiDownload>[1]);
  return res.ok ? res : { ok: false, status: res.status, message: res.body?.message };
}

/** The signed-in user's role and site (views are only rendered when signed in). */
export function currentMe(): Me | undefined {
  const s = session.value;
  return s.phase === 'signed-in' ? s.me : undefined;
}

export function hasRole(me: Me | undefined, roles: readonly Role[]): boolean {
  return !!me && roles.includes(me.role);
}
