import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApi } from '../../schemas/http/openapi.js';
import { CONTRACTS } from '../../schemas/routes/index.js';

/**
 * The API reference as static files: /api/openapi.json generated from the route contracts at
 * build time, and /api/docs rendering it with Swagger UI from our own copy (swagger-ui-dist).
 * On AWS CloudFront serves both paths from S3 (infra/constructs/web.ts); locally the local
 * server does (local/web-assets.ts).
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export interface StaticFile {
  path: string;
  contents: Uint8Array;
  contentType: string;
}

/** The paths the docs occupy under /api/ (everything else there belongs to the API). */
export const API_DOCS_PATHS = ['api/openapi.json', 'api/docs/'] as const;

export function openApiDocument(): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(join(HERE, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return buildOpenApi(CONTRACTS, { version: pkg.version });
}

export function apiDocsFiles(): StaticFile[] {
  const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  const text = (s: string) => new TextEncoder().encode(s);
  return [
    { path: 'api/openapi.json', contents: text(JSON.stringify(openApiDocument(), null, 2)), contentType: 'application/json; charset=utf-8' },
    { path: 'api/docs/index.html', contents: readFileSync(join(HERE, 'index.html')), contentType: 'text/html; charset=utf-8' },
    { path: 'api/docs/init.js', contents: readFileSync(join(HERE, 'init.js')), contentType: 'text/javascript; charset=utf-8' },
    { path: 'api/docs/docs.css', contents: readFileSync(join(HERE, 'docs.css')), contentType: 'text/css; charset=utf-8' },
    { path: 'api/docs/swagger-ui.css', contents: readFileSync(join(swaggerDir, 'swagger-ui.css')), contentType: 'text/css; charset=utf-8' },
    { path: 'api/docs/swagger-ui-bundle.js', contents: readFileSync(join(swaggerDir, 'swagger-ui-bundle.js')), contentType: 'text/javascript; charset=utf-8' },
  ];
}
