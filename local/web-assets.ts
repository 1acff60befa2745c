import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_DOCS_PATHS } from '../web/api-docs/build-docs.js';
import type { WebFile } from '../web/build.js';

/**
 * Serves the static pages of web/ from the local API server, as S3 + CloudFront do on AWS.
 * The pages are built by web/build.ts (esbuild) in memory on the first request after a start,
 * and answered with the headers CloudFront's response headers policy sets (infra/constructs/web.ts).
 * Returns true when it answered the request.
 */

/** CloudFront's security headers (infra/constructs/web.ts): 'self' only, no inline script or style. */
export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** The API reference's headers (infra/constructs/web.ts DocsHeaders): Swagger UI sets inline styles. */
export const DOCS_SECURITY_HEADERS: Record<string, string> = {
  ...PAGE_SECURITY_HEADERS,
  'content-security-policy': PAGE_SECURITY_HEADERS['content-security-policy']!.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

let site: Promise<Map<string, WebFile>> | undefined;

function loadSite(): Promise<Map<string, WebFile>> {
  site ??= import('../web/build.js')
    .then(({ buildWeb }) => new Map(buildWeb().map((f) => [`/${f.path}`, f])))
    .catch((err: unknown) => {
      site = undefined; // try again on the next request (e.g. after fixing a syntax error)
      throw err;
    });
  return site;
}

/** As the CloudFront function does: `/dir/` and `/dir` (no extension) are `/dir/index.html`. */
function sitePath(pathname: string): string {
  if (pathname.endsWith('/')) return `${pathname}index.html`;
  const last = pathname.lastIndexOf('/');
  return pathname.lastIndexOf('.') < last ? `${pathname}/index.html` : pathname;
}

/** As the CloudFront function does: the console's deep links (`/console/participants/x`) are its page. */
function consoleFallback(pathname: string): string {
  const last = pathname.lastIndexOf('/');
  return pathname.startsWith('/console/') && pathname.lastIndexOf('.') < last ? '/console/index.html' : '';
}

export async function serveWeb(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return false;
  const pathname = new URL(req.url ?? '/', 'http://local').pathname;
  // Under /api/ only the static API reference is a page (as CloudFront's behaviours route it).
  if (pathname.startsWith('/api/') && !API_DOCS_PATHS.some((p) => pathname === `/${p}` || (p.endsWith('/') && pathname.startsWith(`/${p}`)) || `${pathname}/` === `/${p}`)) return false;
  const site = await loadSite();
  const file = site.get(sitePath(pathname)) ?? site.get(consoleFallback(pathname));
  if (!file) return false;
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': String(file.contents.length),
    // Hashed bundles never change; HTML is checked each time so a restart's new bundle is picked up.
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(pathname.startsWith('/api/docs') ? DOCS_SECURITY_HEADERS : PAGE_SECURITY_HEADERS),
  });
  res.end(method === 'HEAD' ? undefined : file.contents);
  return true;
}
