import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../infra/routes.js';
import { TASKS } from '../infra/workflow-specs.js';
import {
  fileSizes,
  handlerFolders,
  importDirections,
  keyStringsOnlyInKeys,
  noHandlerImports,
  noUrlsInPages,
  sdkOnlyInClientsAndData,
  type Files,
} from './architecture/rules.js';

const ROOT = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [rel] : [];
  });
}

const tree: Files = new Map(
  ['functions', 'schemas', 'infra', 'local', 'web', 'bench'].flatMap(sourceFiles).map((f) => [relative(ROOT, join(ROOT, f)), readFileSync(join(ROOT, f), 'utf8')]),
);
const entries = new Set([...ROUTES.map((r) => r.entry), ...TASKS.map((t) => t.entry)]);

describe('architecture: the conventions, pinned', () => {
  it('handler folders hold only entry points named in the route table or the workflow registry', () => {
    expect(handlerFolders(tree, entries)).toEqual([]);
  });
  it('no module imports a handler', () => {
    expect(noHandlerImports(tree)).toEqual([]);
  });
  it('@aws-sdk only in the clients and data modules', () => {
    expect(sdkOnlyInClientsAndData(tree)).toEqual([]);
  });
  it('key strings only in the keys module', () => {
    expect(keyStringsOnlyInKeys(tree)).toEqual([]);
  });
  it('imports point one way: local → infra → functions → schemas; web → schemas only; domain code is pure', () => {
    expect(importDirections(tree)).toEqual([]);
  });
  it('no file in functions/ over 300 lines', () => {
    expect(fileSizes(tree)).toEqual([]);
  });
  it('the pages call the API through the typed client, never by a hand-written URL', () => {
    expect(noUrlsInPages(tree)).toEqual([]);
  });
});

describe('architecture rules fail when broken (a made-up tree per rule)', () => {
  const files = (entries: Record<string, string>): Files => new Map(Object.entries(entries));

  it('a helper in a handler folder, or a second export', () => {
    const t = files({ 'functions/staff/helpers.ts': 'export const x = 1;', 'functions/staff/get-me.ts': 'export const handler = 1;\nexport function extra() {}' });
    expect(handlerFolders(t, new Set(['functions/staff/get-me.ts'])).map((v) => v.detail)).toEqual([
      'not an entry of the route table or the workflow registry',
      'exports x besides handler',
      'exports extra besides handler',
    ]);
  });
  it('a handler importing another handler', () => {
    const t = files({ 'functions/intake/notify-team.ts': "import { x } from './register-participant.js';" });
    expect(noHandlerImports(t)).toHaveLength(1);
  });
  it('the SDK in a use case or a schema', () => {
    const t = files({ 'functions/use-cases/x.ts': "import { GetCommand } from '@aws-sdk/lib-dynamodb';", 'schemas/y.ts': "import type { A } from '@aws-sdk/client-sfn';", 'functions/data/ok.ts': "import { GetCommand } from '@aws-sdk/lib-dynamodb';" });
    expect(sdkOnlyInClientsAndData(t).map((v) => v.file)).toEqual(['functions/use-cases/x.ts', 'schemas/y.ts']);
  });
  it('a key string outside the keys module', () => {
    const t = files({ 'functions/use-cases/x.ts': 'const pk = `PARTICIPANT#${id}`;', 'infra/y.ts': "const index = 'GSI1PK';", 'functions/data/keys.ts': "const ok = 'SITE#';" });
    expect(keyStringsOnlyInKeys(t).map((v) => v.file)).toEqual(['functions/use-cases/x.ts', 'infra/y.ts']);
  });
  it('an import against the direction', () => {
    const t = files({
      'functions/lib/a.ts': "import { x } from '../../infra/routes.js';",
      'schemas/b.ts': "import { y } from '../functions/lib/config.js';",
      'web/c.ts': "import { z } from '../functions/domain/intake.js';",
      'functions/domain/d.ts': "import { q } from '../data/participants.js';",
      'local/ok.ts': "import { r } from '../infra/routes.js';",
    });
    expect(importDirections(t).map((v) => v.file)).toEqual(['functions/lib/a.ts', 'schemas/b.ts', 'web/c.ts', 'functions/domain/d.ts']);
  });
  it('a hand-written API URL in a page', () => {
    const t = files({ 'web/intake/main.ts': "await fetch('/api/intake', { method: 'POST' });", 'web/common/ok.ts': "api('PostIntake', {});" });
    expect(noUrlsInPages(t).map((v) => v.file)).toEqual(['web/intake/main.ts']);
  });
  it('a file in functions/ over 300 lines', () => {
    const t = files({ 'functions/use-cases/big.ts': 'x\n'.repeat(301), 'infra/big.ts': 'x\n'.repeat(400) });
    expect(fileSizes(t).map((v) => v.file)).toEqual(['functions/use-cases/big.ts']);
  });
});
