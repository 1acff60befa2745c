import type { BodyInputOf, ResponseOf, RouteContract } from '../../schemas/http/contract.js';
import type { ErrorBody } from '../../schemas/http/errors.js';
import type * as Routes from '../../schemas/routes/index.js';
import { ROUTE_PATHS, type RouteId } from '../../schemas/routes/paths.js';

/**
 * The pages' typed API client, derived from the route contracts: a route is named by its id, its
 * path, parameters, body and answers are typed by its contract, and no page writes a URL. Only
 * the method/path table is bundled (schemas/routes/paths.ts), never the contracts' schemas.
 */

export type ContractOf<I extends RouteId> = (typeof Routes)[I] extends RouteContract ? (typeof Routes)[I] : never;
type Statuses<C extends RouteContract> = Extract<keyof C['responses'], number>;
type Success<C extends RouteContract> = Extract<Statuses<C>, 200 | 201 | 202 | 204>;

export interface RequestOptions<C extends RouteContract> {
  params?: C['params'] extends object ? Record<string, string> : never;
  query?: Record<string, string | number | undefined>;
  body?: BodyInputOf<C>;
  headers?: Record<string, string>;
  /** A staff ID token (Bearer). */
  token?: string;
  signal?: AbortSignal;
  /** The fetch to use (the console's signs in, renews and retries once on 401). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/** The body a route answers with on a status (200 by default), from its contract. */
export type BodyOf<I extends RouteId, S extends number = 200> = S extends keyof ContractOf<I>['responses'] ? ResponseOf<ContractOf<I>, S> : never;

/** The answer: a success with its contract's body, or an error with the common error body. */
export type Answer<C extends RouteContract> =
  | { [S in Success<C>]: { ok: true; status: S; body: ResponseOf<C, S>; headers: Headers } }[Success<C>]
  | { ok: false; status: number; body: ErrorBody | undefined; headers: Headers };

export function urlOf(id: RouteId, params: Record<string, string> = {}, query: Record<string, string | number | undefined> = {}): string {
  const path = ROUTE_PATHS[id].path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${id}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Calls a route by its id. Network failures reject (the caller offers a retry). */
export async function api<I extends RouteId>(id: I, opts: RequestOptions<ContractOf<I>> = {}): Promise<Answer<ContractOf<I>>> {
  const { method } = ROUTE_PATHS[id];
  const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) };
  if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const send = opts.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const res = await send(urlOf(id, opts.params as Record<string, string> | undefined, opts.query), {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const parsed: unknown = res.status === 204 || res.status === 304 ? undefined : await res.json().catch(() => undefined);
  return { ok: res.ok, status: res.status, body: parsed, headers: res.headers } as Answer<ContractOf<I>>;
}

/** The routes that answer a file (CSV, XLSX, the access export's JSON and document) instead of JSON to show. */
export type DownloadRouteId = 'GetKpisCsv' | 'GetKpisXlsx' | 'GetParticipantsCsv' | 'GetParticipantDataExport' | 'GetParticipantDataExportDocument';

/**
 * Fetches a download route: the file as a Blob and its name from `Content-Disposition`, or the
 * error body on a refusal. The page then offers the Blob (an object URL on a link with `download`).
 */
export async function apiDownload(
  id: DownloadRouteId,
  opts: Pick<RequestOptions<ContractOf<DownloadRouteId>>, 'query' | 'token' | 'signal' | 'fetch'> & { params?: Record<string, string> } = {},
): Promise<{ ok: true; blob: Blob; filename: string } | { ok: false; status: number; body: ErrorBody | undefined }> {
  const send = opts.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const res = await send(urlOf(id, opts.params ?? {}, opts.query), {
    method: 'GET',
    headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (!res.ok) return { ok: false, status: res.status, body: (await res.json().catch(() => undefined)) as ErrorBody | undefined };
  const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  return { ok: true, blob: await res.blob(), filename };
}
