import '../local/polyfills.js';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROUTES } from '../infra/routes.js';
import { TASKS } from '../infra/workflow-specs.js';
import { bundle, coldImportMs, floorSource, median, writeFloor } from './cold-import.js';
import { startCloudProcess } from './cloud-client.js';
import { baselineImports } from './baseline-imports.js';
import { costRun } from './cost.js';
import { employerPostBench } from './employer-post.js';
import { figuresBench } from './figures.js';
import { pagesBench } from './pages.js';
import { printTable } from './print.js';
import { intakeBody, intakeClient, load, rawPutClient, type LoadResult } from './throughput.js';

/**
 * `npm run bench`: (a) and (b) are ratios against a baseline measured in the same run.
 * (a) each function's bundle and cold import against an "SDK floor" bundle that only creates
 *     the AWS clients the function uses; (b) intake throughput and p99 through the local API
 *     against raw dynalite PutItem through the same SDK, both at concurrency 16; (c) what 1,000
 *     intakes cost on AWS (absolute dollars at list prices, bench/prices.ts), from a metered run.
 */
const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.bench');
const IMPORT_RUNS = Number(process.env['BENCH_IMPORT_RUNS'] ?? 25);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 2000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const CONCURRENCY = 16;
const TARGET_IMPORT = 1.25;
const TARGET_THROUGHPUT = 0.5;

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function coldImports(): Promise<boolean> {
  rmSync(OUT, { recursive: true, force: true });
  console.log(`\n(a) Cold import in a fresh process: ${IMPORT_RUNS} back-to-back pairs of function and SDK floor, medians\n`);
  const rows: string[][] = [['function', 'bundle', 'floor bundle', 'AWS clients', 'import', 'floor import', 'ratio', '']];
  let ok = true;
  for (const fn of [...ROUTES.map((r) => ({ id: r.id, entry: r.entry })), ...TASKS]) {
    const own = await bundle(fn.entry, OUT, fn.id);
    const floorEntry = writeFloor(join(OUT, 'src'), `${fn.id}-floor`, floorSource(own.clients, own.commands));
    const floor = await bundle(floorEntry, OUT, `${fn.id}-floor`);
    // Back-to-back pairs, the ratio taken per pair: drift in machine load cancels out.
    const a: number[] = [];
    const b: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < IMPORT_RUNS; i++) {
      a.push(coldImportMs(own.file));
      b.push(coldImportMs(floor.file));
      ratios.push(a[i]! / b[i]!);
    }
    const ratio = median(ratios);
    // A function without AWS clients has an empty floor; the ratio then says little (see README).
    const judged = own.clients.length > 0;
    const pass = !judged || ratio <= TARGET_IMPORT;
    ok &&= pass;
    rows.push([
      fn.id,
      kb(own.bytes),
      kb(floor.bytes),
      own.clients.map((c) => c.replace('@aws-sdk/', '')).join(' + ') || 'none',
      ms(median(a)),
      ms(median(b)),
      `${ratio.toFixed(2)}×`,
      judged ? (pass ? `ok (≤ ${TARGET_IMPORT}×)` : `OVER ${TARGET_IMPORT}×`) : 'no SDK floor',
    ]);
  }
  printTable(rows);
  return ok;
}

async function throughput(): Promise<boolean> {
  console.log(`\n(b) Throughput at concurrency ${CONCURRENCY}, ${REQUESTS} requests per round; the round with the median ratio of ${ROUNDS}\n`);
  const cloud = await startCloudProcess();
  const { info, command } = cloud;

  try {
    const raw = rawPutClient(info.dynamoEndpoint, info.tableName);
    const post = intakeClient(info.apiUrl, CONCURRENCY);
    // The workflows that follow each intake are held back while the API is measured (as the
    // table stream holds records) and timed afterwards on their own.
    await command('pause');
    await load(300, CONCURRENCY, (i) => raw(`warm-${i}`));
    await load(300, CONCURRENCY, (i) => post(intakeBody('warm', i), `warm-key-${i}`));

    const raws: LoadResult[] = [];
    const intakes: LoadResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      raws.push(await load(REQUESTS, CONCURRENCY, (i) => raw(`r${r}-${i}`)));
      intakes.push(await load(REQUESTS, CONCURRENCY, (i) => post(intakeBody(`r${r}`, i), `bench-key-r${r}-${i}`)));
    }
    // Each round measures both back to back; the ratio is taken per round, then the median.
    const order = [...raws.keys()].sort((a, b) => intakes[a]!.rps / raws[a]!.rps - intakes[b]!.rps / raws[b]!.rps);
    const mid = order[Math.floor(order.length / 2)]!;
    const rawM = raws[mid]!;
    const intakeM = intakes[mid]!;
    const errors = [...raws, ...intakes].reduce((n, r) => n + r.errors, 0);

    const queued = 300 + ROUNDS * REQUESTS;
    const drainStart = performance.now();
    await command('resume');
    await command('idle');
    const drainSeconds = (performance.now() - drainStart) / 1000;

    const ratio = intakeM.rps / rawM.rps;
    printTable([
      ['path', 'requests/s', 'p50', 'p99'],
      ['raw dynalite PutItem (SDK)', rawM.rps.toFixed(0), ms(rawM.p50), ms(rawM.p99)],
      ['POST /api/intake (local API)', intakeM.rps.toFixed(0), ms(intakeM.p50), ms(intakeM.p99)],
    ]);
    console.log(`\n  intake / raw PutItem: ${ratio.toFixed(2)}× (target ≥ ${TARGET_THROUGHPUT}×)  ${ratio >= TARGET_THROUGHPUT ? 'ok' : 'UNDER TARGET'}`);
    console.log(`  p99 intake / p99 raw: ${(intakeM.p99 / rawM.p99).toFixed(2)}×`);
    console.log(`  errors: ${errors}`);
    console.log(
      `  then the held-back intake workflows (register, confirm, notify, schedule the follow-up, up to its first Wait): ${queued} in ${drainSeconds.toFixed(1)} s = ${(queued / drainSeconds).toFixed(0)} registrations/s`,
    );
    return ratio >= TARGET_THROUGHPUT && errors === 0;
  } finally {
    await cloud.stop();
  }
}

/** (d) The console's first load against the intake page's, on a local cloud with a few marxloh participants. */
async function pages(): Promise<boolean> {
  const cloud = await startCloudProcess();
  try {
    const post = intakeClient(cloud.info.apiUrl, 4);
    // Odd numbers are marxloh's (intakeBody), the site of the counsellor who signs in.
    for (let i = 1; i <= 11; i += 2) await post(intakeBody('pages', i), `pages-key-${i}`);
    await cloud.command('idle');
    return await pagesBench({ apiUrl: cloud.info.apiUrl }, Number(process.env['BENCH_PAGE_ROUNDS'] ?? 5));
  } finally {
    await cloud.stop();
  }
}

// BENCH_PARTS=imports, =throughput, =cost, =pages, =employer, =figures or =baseline runs one part only (a comma-separated list: several).
const parts = (process.env['BENCH_PARTS'] ?? 'imports,throughput,cost,pages,employer,figures,baseline').split(',');
const importsOk = parts.includes('imports') ? await coldImports() : true;
const throughputOk = parts.includes('throughput') ? await throughput() : true;
// The cost run has no target: it prints absolute dollars, for every later change to be compared with.
const costOk = parts.includes('cost') ? await costRun() : true;
const pagesOk = parts.includes('pages') ? await pages() : true;
let employerOk = true;
if (parts.includes('employer')) {
  console.log('\n(e) The employer\'s answer, POST /p/{linkId}: DynamoDB round trips before the answer, against the same two calls raw\n');
  employerOk = await employerPostBench(Number(process.env['BENCH_EMPLOYER_POSTS'] ?? 21));
}
let figuresOk = true;
if (parts.includes('figures')) {
  console.log('\n(f) The figures: what reading them costs at two sizes, side by side (the larger at most 1.5× the smaller)\n');
  figuresOk = await figuresBench(Number(process.env['BENCH_FIGURES_SMALL'] ?? 1000), Number(process.env['BENCH_FIGURES_LARGE'] ?? 20000));
}
const baselineOk = parts.includes('baseline') ? await baselineImports(Number(process.env['BENCH_BASELINE_RUNS'] ?? 15)) : true;
console.log(`\n${importsOk && throughputOk && costOk && pagesOk && employerOk && figuresOk && baselineOk ? 'All bench targets met.' : 'Some bench targets were missed (see above).'}`);
