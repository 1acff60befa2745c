import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROUTES } from '../infra/routes.js';
import { TASKS } from '../infra/workflow-specs.js';
import { bundle, coldImportMs, floorSource, median, writeFloor, type BundleResult } from './cold-import.js';
import { printTable } from './print.js';

/**
 * (g) Each function's cold import against its SDK floor, now and at a baseline commit, in one
 * run: the change of that ratio is what a later change did to the function's own code. The
 * baseline is the commit before the routes, entities and workflows were reorganised
 * (BENCH_BASELINE to pick another); its tree is taken from git, its node_modules is ours, and
 * both are bundled with today's settings so only the code differs. It counts CPU time, not wall
 * time: a 5 % limit is below the noise of wall time on a machine that runs anything else.
 */
const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.bench', 'baseline');
const MAX_CHANGE = 0.05;

interface Fn {
  id: string;
  entry: string;
}

function checkout(commit: string): string | undefined {
  const dir = join(OUT, 'tree');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    // `git archive` writes the tree without touching this checkout's worktree list.
    const tar = execFileSync('git', ['archive', '--format=tar', commit], { cwd: ROOT, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  } catch {
    return undefined;
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

async function functionsOf(tree: string): Promise<Fn[]> {
  const routes = (await import(pathToFileURL(join(tree, 'infra/routes.ts')).href)) as { ROUTES: Fn[] };
  const specs = (await import(pathToFileURL(join(tree, 'infra/workflow-specs.ts')).href)) as { TASKS: Fn[] };
  return [...routes.ROUTES, ...specs.TASKS].map((f) => ({ id: f.id, entry: join(tree, f.entry) }));
}

async function withFloor(entry: string, name: string): Promise<[BundleResult, BundleResult]> {
  const own = await bundle(entry, OUT, name);
  const floor = await bundle(writeFloor(join(OUT, 'src'), `${name}-floor`, floorSource(own.clients, own.commands)), OUT, `${name}-floor`);
  return [own, floor];
}

export async function baselineImports(runs: number): Promise<boolean> {
  const commit = process.env['BENCH_BASELINE'] ?? '42247a5';
  console.log(`\n(g) Cold import against the SDK floor, now and at ${commit}: ${runs} rounds of the four imports back to back, CPU time of each import, medians of the ratios\n`);
  const tree = checkout(commit);
  if (!tree || !existsSync(join(tree, 'infra/routes.ts'))) {
    console.log(`  skipped: commit ${commit} is not in this clone (a shallow clone has no history)`);
    return true;
  }
  const then = new Map((await functionsOf(tree)).map((f) => [f.id, f.entry]));
  const now: Fn[] = [...ROUTES.map((r) => ({ id: r.id, entry: r.entry })), ...TASKS];
  const rows: string[][] = [['function', 'now: ratio', 'then: ratio', 'change', '']];
  let ok = true;
  for (const fn of now) {
    const old = then.get(fn.id);
    if (!old) {
      rows.push([fn.id, '', '', '', 'new since the baseline']);
      continue;
    }
    const [own, ownFloor] = await withFloor(resolve(ROOT, fn.entry), `${fn.id}-now`);
    const [base, baseFloor] = await withFloor(old, `${fn.id}-then`);
    if (own.clients.length === 0) {
      rows.push([fn.id, '', '', '', 'no SDK floor']);
      continue;
    }
    const nowRatios: number[] = [];
    const thenRatios: number[] = [];
    // The four imports of a round run back to back, so drift in machine load hits both ratios.
    for (let i = 0; i < runs; i++) {
      nowRatios.push(coldImportMs(own.file, 'cpu') / coldImportMs(ownFloor.file, 'cpu'));
      thenRatios.push(coldImportMs(base.file, 'cpu') / coldImportMs(baseFloor.file, 'cpu'));
    }
    const change = median(nowRatios) / median(thenRatios) - 1;
    const pass = change <= MAX_CHANGE;
    ok &&= pass;
    rows.push([
      fn.id,
      `${median(nowRatios).toFixed(2)}×`,
      `${median(thenRatios).toFixed(2)}×`,
      `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)} %`,
      pass ? `ok (≤ +${MAX_CHANGE * 100} %)` : `OVER +${MAX_CHANGE * 100} %`,
    ]);
  }
  printTable(rows, [1, 2, 3]);
  return ok;
}
