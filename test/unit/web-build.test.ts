import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, CONSOLE_JS_BUDGET_GZIP, firstLoadOf, lazyChunksOf, LAZY_CHUNK_JS_BUDGET_GZIP, type WebFile } from '../../web/build.js';

/**
 * The pages' build (web/build.ts): the console's first load stays within its JavaScript budget
 * with the figures page and chartist split off into a chunk fetched when the page is opened; every
 * chunk a script imports is a built file under /assets/ (served by the local server and deployed
 * to S3 like the entries, allowed by `script-src 'self'`); the intake page loads no chunk.
 */

let files: WebFile[];
const gz = (f: WebFile) => gzipSync(f.contents, { level: 9 }).length;
const text = (f: WebFile) => new TextDecoder().decode(f.contents);
const js = (fs: WebFile[]) => fs.filter((f) => f.path.endsWith('.js'));

beforeAll(() => {
  files = buildWeb();
}, 60_000);

describe('the pages build', () => {
  it("keeps the console's first load within its budget, without chartist or the figures page", () => {
    const first = js(firstLoadOf(files, 'console/index.html'));
    expect(first.length).toBeGreaterThanOrEqual(1);
    const bytes = first.reduce((n, f) => n + gz(f), 0);
    expect(bytes, `${(bytes / 1024).toFixed(1)} KB gzip`).toBeLessThanOrEqual(CONSOLE_JS_BUDGET_GZIP);
    for (const f of first) {
      expect(text(f), f.path).not.toContain('ct-chart-bar'); // chartist's class names
      expect(text(f), f.path).not.toContain('Ergebnisse nach Eintrittsquartal');
    }
  });

  it('splits the figures page with chartist into a lazy chunk within its own budget', () => {
    const lazy = lazyChunksOf(files, 'console/index.html');
    const figures = lazy.filter((f) => text(f).includes('Ergebnisse nach Eintrittsquartal'));
    expect(figures).toHaveLength(1);
    expect(text(figures[0]!)).toContain('ct-chart-bar');
    for (const f of lazy) expect(gz(f), f.path).toBeLessThanOrEqual(LAZY_CHUNK_JS_BUDGET_GZIP);
    // The entry asks for it by its hashed name, relative to /assets/.
    const entry = js(firstLoadOf(files, 'console/index.html')).find((f) => f.path.startsWith('assets/console-'))!;
    const name = figures[0]!.path.slice('assets/'.length);
    expect(text(entry)).toContain(`import("./${name}")`);
  });

  it('builds every chunk a bundled script imports, as an immutable file under /assets/ with its content type', () => {
    const paths = new Set(files.map((f) => f.path));
    for (const f of js(files).filter((f) => f.path.startsWith('assets/'))) {
      expect(f.path).toMatch(/^assets\/[a-z]+-[A-Z0-9]{8}\.js$/);
      expect(f.immutable).toBe(true);
      expect(f.contentType).toBe('text/javascript; charset=utf-8');
      for (const i of [...(f.imports ?? []), ...(f.lazyImports ?? [])]) expect(paths.has(i), `${f.path} imports ${i}`).toBe(true);
    }
    // Relative specifiers only: the chunks are same-origin scripts, nothing from elsewhere.
    for (const f of js(files).filter((f) => f.path.startsWith('assets/'))) expect(text(f)).not.toMatch(/import\s*\(\s*["']https?:/);
  });

  it('loads no chunk on the intake page', () => {
    const first = firstLoadOf(files, 'index.html');
    expect(js(first)).toHaveLength(1);
    expect(js(first)[0]!.imports).toEqual([]);
    expect(lazyChunksOf(files, 'index.html')).toEqual([]);
  });
});
