import { buildSync, type Metafile } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiDocsFiles } from './api-docs/build-docs.js';

/**
 * Builds the static pages of web/: each page's TypeScript (with its CSS) bundled by esbuild into
 * content-hashed files under /assets/, its HTML pointed at them, and web/static/ copied as is.
 * One function for `npm start` (served from memory by local/web-assets.ts), `npm run build:web`
 * (dist/web) and CDK (infra/constructs/web.ts deploys the same files to S3).
 *
 * The pages run under a strict Content-Security-Policy ('self' only): no inline script or style.
 */

export const WEB_DIR = dirname(fileURLToPath(import.meta.url));

interface PageSpec {
  /** Bundle name: /assets/<name>-<hash>.js and .css. */
  name: string;
  html: string;
  /** Where the HTML lands in the site ('index.html' is `/`). */
  out: string;
  script: string;
  /**
   * Code behind a dynamic `import()` becomes chunks of its own (esbuild `splitting`), fetched when
   * first needed: the console's figures page with its chart library stays out of the first load.
   */
  split?: boolean;
}

/** The pages: the public intake at `/`, the staff console at `/console/` (its deep links serve the same HTML). */
export const PAGES: PageSpec[] = [
  { name: 'intake', html: 'intake/index.html', out: 'index.html', script: 'intake/main.ts' },
  { name: 'console', html: 'console/index.html', out: 'console/index.html', script: 'console/main.tsx', split: true },
];

export interface WebFile {
  /** Path inside the site, without a leading slash ('index.html', 'assets/intake-AB12CD34.js'). */
  path: string;
  contents: Uint8Array;
  contentType: string;
  /** Content-hashed: may be cached for ever. */
  immutable: boolean;
  /** A script's static imports (site paths): fetched with it, before it runs. */
  imports?: string[];
  /** A script's dynamic imports (site paths): fetched only when the code asks for them. */
  lazyImports?: string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The console's JavaScript budgets, gzip: the first load (the entry and the chunks it imports
 * statically) and each chunk fetched later (the figures page with its chart library).
 * test/unit/web-build.test.ts and `npm run bench` (d) check them.
 */
export const CONSOLE_JS_BUDGET_GZIP = 60 * 1024;
export const LAZY_CHUNK_JS_BUDGET_GZIP = 30 * 1024;

/** Phones in the neighbourhoods are not all new: syntax for browsers from about 2020 on. */
const TARGETS = ['es2020', 'chrome80', 'firefox78', 'safari15', 'edge88'];

export function buildWeb(options: { minify?: boolean } = {}): WebFile[] {
  const minify = options.minify ?? true;
  const outRoot = join(WEB_DIR, '.site'); // virtual: nothing is written (write: false)
  // One build per kind of page: splitting shares chunks between every entry of a build, and the
  // intake page should not fetch a chunk it shares with the console.
  const groups = [PAGES.filter((p) => !p.split), PAGES.filter((p) => p.split)].filter((g) => g.length > 0);
  const files: WebFile[] = [];
  const metafile: Metafile = { inputs: {}, outputs: {} };
  for (const group of groups) {
    const split = group[0]!.split === true;
    const result = buildSync({
      absWorkingDir: WEB_DIR,
      entryPoints: group.map((p) => ({ in: join(WEB_DIR, p.script), out: p.name })),
      outdir: join(outRoot, 'assets'),
      entryNames: '[name]-[hash]',
      chunkNames: '[name]-[hash]',
      assetNames: '[name]-[hash]',
      bundle: true,
      format: 'esm',
      splitting: split,
      platform: 'browser',
      target: TARGETS,
      minify,
      sourcemap: 'linked',
      sourcesContent: false,
      legalComments: 'none',
      charset: 'utf8',
      // The console's views are TSX for Preact (automatic runtime: no React global, no pragma).
      jsx: 'automatic',
      jsxImportSource: 'preact',
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    Object.assign(metafile.inputs, result.metafile.inputs);
    Object.assign(metafile.outputs, result.metafile.outputs);
    const sitePath = (p: string) => relative(outRoot, resolve(WEB_DIR, p)).split(sep).join('/');
    for (const out of result.outputFiles) {
      const path = relative(outRoot, out.path).split(sep).join('/');
      const info = Object.entries(result.metafile.outputs).find(([o]) => sitePath(o) === path)?.[1];
      const importsOf = (kind: string) => (info?.imports ?? []).filter((i) => i.kind === kind && !i.external).map((i) => sitePath(i.path));
      files.push({
        path,
        contents: out.contents,
        contentType: contentTypeOf(path),
        immutable: true,
        ...(path.endsWith('.js') ? { imports: importsOf('import-statement'), lazyImports: importsOf('dynamic-import') } : {}),
      });
    }
  }

  for (const page of PAGES) {
    const { js, css } = bundleOf(metafile, page, outRoot);
    let html = readFileSync(join(WEB_DIR, page.html), 'utf8');
    html = replaceOnce(html, `/assets/${page.name}.js`, `/${js}`, page.html);
    html = replaceOnce(html, `/assets/${page.name}.css`, `/${css}`, page.html);
    if (/<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=/i.test(html)) throw new Error(`${page.html}: inline script, style or handler (the CSP blocks them)`);
    files.push({ path: page.out, contents: new TextEncoder().encode(html), contentType: contentTypeOf(page.out), immutable: false });
  }

  for (const doc of apiDocsFiles()) files.push({ ...doc, immutable: false });

  const staticDir = join(WEB_DIR, 'static');
  for (const path of listFiles(staticDir)) {
    files.push({ path, contents: readFileSync(join(staticDir, path)), contentType: contentTypeOf(path), immutable: false });
  }
  return files;
}

/**
 * What a browser fetches to show a page before any code asks for more: the HTML's scripts and
 * styles with every script's static imports, not the chunks behind a dynamic `import()`.
 */
export function firstLoadOf(files: readonly WebFile[], htmlPath: string): WebFile[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const html = byPath.get(htmlPath);
  if (!html) throw new Error(`${htmlPath} not built`);
  const text = new TextDecoder().decode(html.contents);
  const out = new Map<string, WebFile>([[html.path, html]]);
  const queue = [...text.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  while (queue.length) {
    const path = queue.shift()!;
    const file = byPath.get(path);
    if (!file || out.has(path)) continue;
    out.set(path, file);
    queue.push(...(file.imports ?? []));
  }
  return [...out.values()];
}

/** The chunks a page's scripts may fetch later (dynamic imports, and what those import), none of its first load. */
export function lazyChunksOf(files: readonly WebFile[], htmlPath: string): WebFile[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const first = new Set(firstLoadOf(files, htmlPath).map((f) => f.path));
  const out = new Map<string, WebFile>();
  const queue = [...first].flatMap((p) => byPath.get(p)?.lazyImports ?? []);
  while (queue.length) {
    const path = queue.shift()!;
    const file = byPath.get(path);
    if (!file || out.has(path) || first.has(path)) continue;
    out.set(path, file);
    queue.push(...(file.imports ?? []), ...(file.lazyImports ?? []));
  }
  return [...out.values()];
}

function bundleOf(metafile: Metafile, page: PageSpec, outRoot: string): { js: string; css: string } {
  const entry = join(WEB_DIR, page.script);
  for (const [out, info] of Object.entries(metafile.outputs)) {
    if (!info.entryPoint || resolve(WEB_DIR, info.entryPoint) !== entry) continue;
    const rel = (p: string) => relative(outRoot, resolve(WEB_DIR, p)).split(sep).join('/');
    if (!info.cssBundle) throw new Error(`${page.script} imports no CSS`);
    return { js: rel(out), css: rel(info.cssBundle) };
  }
  throw new Error(`${page.script}: no bundle`);
}

function replaceOnce(text: string, placeholder: string, value: string, file: string): string {
  if (!text.includes(placeholder)) throw new Error(`${file} does not reference ${placeholder}`);
  return text.replace(placeholder, value);
}

function listFiles(dir: string, prefix = ''): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? listFiles(full, rel) : [rel];
  });
}

/** Writes the site into `outDir` (emptied first), as S3 will hold it. */
export function writeWeb(outDir: string, files: WebFile[] = buildWeb()): WebFile[] {
  rmSync(outDir, { recursive: true, force: true });
  for (const file of files) {
    const target = join(outDir, ...file.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  return files;
}

// `npm run build:web`: the site into dist/web.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(WEB_DIR, '..', 'dist', 'web');
  const started = Date.now();
  const files = writeWeb(outDir);
  const bytes = files.reduce((n, f) => n + f.contents.length, 0);
  console.log(`web: ${files.length} files, ${(bytes / 1024).toFixed(1)} KB in ${relative(process.cwd(), outDir) || outDir} (${Date.now() - started} ms)`);
}
