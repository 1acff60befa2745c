import { dirname, join, normalize } from 'node:path';

/**
 * The conventions the architecture test pins, as pure functions over a map of files (path →
 * source), so each rule can be shown to fail on a small made-up tree (architecture.test.ts).
 */

export type Files = Map<string, string>;

export interface Violation {
  rule: string;
  file: string;
  detail: string;
}

/** Folders of functions/ that are not handler folders. */
const SUPPORT_FOLDERS = new Set(['domain', 'use-cases', 'data', 'clients', 'lib']);

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? '');
}

/** A relative import resolved to a repository path (.js → .ts), or undefined for packages. */
export function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return normalize(join(dirname(from), spec)).replace(/\.js$/, '.ts');
}

const top = (path: string) => path.split('/')[0] ?? '';
const isHandlerFile = (path: string) => {
  const parts = path.split('/');
  return parts[0] === 'functions' && parts.length === 3 && !SUPPORT_FOLDERS.has(parts[1]!);
};

/** Handler folders hold only entry points named in the route table or the workflow registry, exporting only `handler`. */
export function handlerFolders(files: Files, entries: ReadonlySet<string>): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    if (!isHandlerFile(file)) continue;
    if (!entries.has(file)) out.push({ rule: 'entry points only', file, detail: 'not an entry of the route table or the workflow registry' });
    const exported = [...source.matchAll(/^export\s+(?:const|function|async function|class|let|type|interface)\s+(\w+)/gm)].map((m) => m[1]);
    const others = exported.filter((n) => n !== 'handler');
    if (others.length) out.push({ rule: 'entry points only', file, detail: `exports ${others.join(', ')} besides handler` });
  }
  return out;
}

/** No module imports a handler module (it would drag that handler into the bundle). */
export function noHandlerImports(files: Files): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    if (top(file) !== 'functions' && top(file) !== 'schemas') continue;
    for (const spec of importsOf(source)) {
      const target = resolveImport(file, spec);
      if (target && isHandlerFile(target)) out.push({ rule: 'no handler imports a handler', file, detail: spec });
    }
  }
  return out;
}

/** The AWS SDK only in functions/clients and functions/data (and never in schemas/ or web/). */
export function sdkOnlyInClientsAndData(files: Files): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    const t = top(file);
    if (t !== 'functions' && t !== 'schemas' && t !== 'web') continue;
    const allowed = file.startsWith('functions/clients/') || file.startsWith('functions/data/');
    for (const spec of importsOf(source)) {
      if (spec.startsWith('@aws-sdk/') && !allowed) out.push({ rule: '@aws-sdk only in clients and data', file, detail: spec });
    }
  }
  return out;
}

/** Key strings of the table, spelled only in functions/data/keys.ts. */
const KEY_STRING = /['"`](?:PARTICIPANT|SUBMISSION|IDENTITY|AUDIT|SITE|PLACEMENT|EMPLOYER_LINK|RECOGNITION|CASE|REPORT|TEAM_NOTICE)#|['"`]GSI\d(?:PK|SK)['"`]|\bGSI\d(?:PK|SK)\s*=/;
const KEYS_MODULE = 'functions/data/keys.ts';

export function keyStringsOnlyInKeys(files: Files): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    if (file === KEYS_MODULE || !['functions', 'infra', 'local', 'web', 'schemas', 'bench'].includes(top(file))) continue;
    source.split('\n').forEach((line, i) => {
      if (KEY_STRING.test(line)) out.push({ rule: 'key strings only in the keys module', file, detail: `line ${i + 1}: ${line.trim().slice(0, 80)}` });
    });
  }
  return out;
}

/** Imports point one way: local → infra → functions → schemas; web → schemas only. */
const MAY_IMPORT: Record<string, string[]> = {
  schemas: ['schemas'],
  web: ['web', 'schemas'],
  functions: ['functions', 'schemas'],
  infra: ['infra', 'functions', 'schemas', 'web'],
  local: ['local', 'infra', 'functions', 'schemas', 'web'],
};

/** Inside functions/: domain is pure (no data, use cases, clients, lib); data reads no use cases. */
const FUNCTIONS_MAY_IMPORT: Record<string, string[]> = {
  domain: ['domain'],
  data: ['data', 'clients', 'lib'],
  clients: ['clients', 'lib'],
  lib: ['lib', 'domain', 'clients'],
  'use-cases': ['use-cases', 'data', 'domain', 'clients', 'lib'],
};

export function importDirections(files: Files): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    const from = top(file);
    const allowed = MAY_IMPORT[from];
    if (!allowed) continue; // test/ and bench/ may import anything
    for (const spec of importsOf(source)) {
      const target = resolveImport(file, spec);
      if (!target) continue;
      const to = top(target);
      if (!allowed.includes(to)) out.push({ rule: 'imports point one way', file, detail: `${from} → ${to} (${spec})` });
      if (from === 'functions' && to === 'functions') {
        const fromArea = file.split('/')[1] ?? '';
        const toArea = target.split('/')[1] ?? '';
        const inner = FUNCTIONS_MAY_IMPORT[fromArea];
        if (inner && !inner.includes(toArea)) out.push({ rule: 'imports point one way', file, detail: `functions/${fromArea} → functions/${toArea} (${spec})` });
      }
    }
  }
  return out;
}

/** Small modules: no file in functions/ over 300 lines. */
export function fileSizes(files: Files, maxLines = 300): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    if (top(file) !== 'functions') continue;
    const lines = source.split('\n').length;
    if (lines > maxLines) out.push({ rule: `no file in functions/ over ${maxLines} lines`, file, detail: `${lines} lines` });
  }
  return out;
}

/** The pages name routes through the typed client (web/common/api-client.ts), never by URL. */
export function noUrlsInPages(files: Files): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    if (top(file) !== 'web' || file.startsWith('web/api-docs/') || file === 'web/build.ts') continue;
    source.split('\n').forEach((line, i) => {
      if (/['"`]\/(api|health)\b/.test(line)) out.push({ rule: 'no hand-written API URLs in web/', file, detail: `line ${i + 1}: ${line.trim().slice(0, 80)}` });
    });
  }
  return out;
}
