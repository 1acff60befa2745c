import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient, type ExecutionStatus, type HistoryEvent as SfnHistoryEvent } from '@aws-sdk/client-sfn';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WORKFLOWS } from '../infra/workflow-specs.js';
import type { MeterSnapshot } from '../local/dynamo.js';
import { readInbox } from '../local/mail.js';
import { startCloudProcess, type CloudProcess } from './cloud-client.js';
import {
  addUsage,
  costOf,
  countHistory,
  durationCost,
  perThousand,
  splitAtFirstWait,
  summarize,
  tableUsage,
  waitDue,
  walkPath,
  type AslDefinition,
  type Usage,
} from './cost-model.js';
import { LAMBDA_MEMORY_MB, PRICES } from './prices.js';
import { printTable } from './print.js';
import { intakeBody, intakeClient, load } from './throughput.js';

/**
 * (c) The cost line: N intakes (BENCH_COST_INTAKES, default 200) through `POST /api/intake` on a
 * fresh local cloud with the DynamoDB meter on; the workflows run to their first Wait, then the
 * workflow clock moves past each Wait's due time until every follow-up has sent its reminder and
 * escalation and ended (nobody records a contact: the worst case). Counted per part: state
 * transitions and task invocations from the executions' histories (GetExecutionHistory), API
 * requests, e-mails in the local inbox (per recipient), DynamoDB requests and capacity units
 * from the meter (the application table only). Priced with bench/prices.ts, per 1,000 intakes.
 */
const ROOT = resolve(import.meta.dirname, '..');
const INTAKES = Number(process.env['BENCH_COST_INTAKES'] ?? 200);
const CONCURRENCY = 8;
/** Clock moves at most: the intake has two Waits; more would mean a loop in the definition. */
const MAX_CLOCK_MOVES = 10;
const WORKFLOW = WORKFLOWS.find((w) => w.id === 'IntakeRegistration')!;

interface ExecutionsSeen {
  count: number;
  transitions: number;
  retries: number;
  lambdaInvocations: number;
  statuses: Partial<Record<ExecutionStatus, number>>;
  /** Due times of the Waits the running executions are parked in. */
  parkedUntil: number[];
}

export async function costRun(): Promise<boolean> {
  console.log(`\n(c) Cost per 1,000 intakes at AWS list prices (${PRICES.stateTransition.region}, written down ${PRICES.stateTransition.recorded}; bench/prices.ts), from ${INTAKES} intakes\n`);
  const definition = JSON.parse(readFileSync(resolve(ROOT, WORKFLOW.definition), 'utf8')) as AslDefinition;
  const cloud = await startCloudProcess({ meter: true });
  try {
    const { info } = cloud;
    const sfn = new SFNClient({ endpoint: info.sfnEndpoint, region: 'eu-central-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
    const arn = info.stateMachineArns[WORKFLOW.id]!;
    await cloud.command('meter-reset'); // what the start did (table creation) is not an intake's

    // (a) intake to the first Wait
    const post = intakeClient(info.apiUrl, CONCURRENCY);
    const posted = await load(INTAKES, CONCURRENCY, (i) => post(intakeBody('cost', i), `cost-key-${i}`));
    await cloud.command('idle');
    const meterA = await cloud.command('meter-reset');
    const seenA = await executions(sfn, arn, definition);
    const mailsA = await recipients(info.mailEndpoint);

    // (b) the follow-up: the clock past each Wait the executions are parked in, until all end
    let moves = 0;
    let seen = seenA;
    while (seen.parkedUntil.length && moves < MAX_CLOCK_MOVES) {
      await cloud.command('advance-to', Math.max(...seen.parkedUntil) + 1000);
      await cloud.command('idle');
      moves++;
      seen = await executions(sfn, arn, definition);
    }
    const meterB = await cloud.command('meter-reset');
    const mailsB = await recipients(info.mailEndpoint);
    sfn.destroy();

    const intake: Usage = {
      transitions: seenA.transitions,
      lambdaInvocations: INTAKES + seenA.lambdaInvocations, // each POST is one PostIntake invocation
      mails: mailsA,
      ...dynamo(meterA, info.tableName),
    };
    const followUp: Usage = {
      transitions: seen.transitions - seenA.transitions,
      lambdaInvocations: seen.lambdaInvocations - seenA.lambdaInvocations,
      mails: mailsB - mailsA,
      ...dynamo(meterB, info.tableName),
    };
    report({ intake, followUp, definition, seenA, seen, moves, posted: { errors: posted.errors } });
    printDynamoDetail(meterA, meterB, info.tableName, info.sfnTableName);

    const ended = seen.statuses.SUCCEEDED ?? 0;
    const ok = posted.errors === 0 && seen.count === INTAKES && ended === INTAKES;
    if (!ok) {
      console.log(
        `\n  COST RUN INCOMPLETE: ${posted.errors} intakes refused, ${seen.count} executions, ${ended} succeeded (${JSON.stringify(seen.statuses)}); the figures above do not describe ${INTAKES} full follow-ups`,
      );
    }
    return ok;
  } finally {
    await cloud.stop();
  }
}

function dynamo(snapshot: MeterSnapshot, table: string): Pick<Usage, 'dynamoRequests' | 'wru' | 'rru'> {
  const t = tableUsage(snapshot, table);
  return { dynamoRequests: t.requests, wru: t.wru, rru: t.rru };
}

/** Every execution of the state machine and its history, read through the Step Functions API. */
async function executions(sfn: SFNClient, stateMachineArn: string, definition: AslDefinition): Promise<ExecutionsSeen> {
  const seen: ExecutionsSeen = { count: 0, transitions: 0, retries: 0, lambdaInvocations: 0, statuses: {}, parkedUntil: [] };
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken }));
    for (const e of page.executions ?? []) {
      seen.count++;
      const status = e.status as ExecutionStatus;
      seen.statuses[status] = (seen.statuses[status] ?? 0) + 1;
      const events = await history(sfn, e.executionArn!);
      const c = countHistory(events);
      seen.transitions += c.transitions;
      seen.retries += c.retries;
      seen.lambdaInvocations += c.lambdaInvocations;
      const last = events.at(-1);
      if (status === 'RUNNING' && last?.type === 'WaitStateEntered') {
        const d = last.stateEnteredEventDetails;
        const due = waitDue(definition.States[d?.name ?? ''], d?.input, last.timestamp?.getTime() ?? Date.now());
        if (due !== undefined) seen.parkedUntil.push(due);
      }
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return seen;
}

async function history(sfn: SFNClient, executionArn: string): Promise<SfnHistoryEvent[]> {
  const events: SfnHistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** E-mails in the local inbox, per recipient (as SES bills). */
async function recipients(mailEndpoint: string): Promise<number> {
  const mails = await readInbox(mailEndpoint);
  return mails.reduce((n, m) => {
    const d = m.destination as { to?: string[]; cc?: string[]; bcc?: string[] };
    return n + (d.to?.length ?? 0) + (d.cc?.length ?? 0) + (d.bcc?.length ?? 0);
  }, 0);
}

// ---------------------------------------------------------------- printing

const count = (v: number) => (Number.isInteger(v) ? v : Number(v.toFixed(1))).toLocaleString('en-US');
const usd = (v: number) => `$${v < 0.1 ? v.toFixed(4) : v.toFixed(3)}`;

function report(r: {
  intake: Usage;
  followUp: Usage;
  definition: AslDefinition;
  seenA: ExecutionsSeen;
  seen: ExecutionsSeen;
  moves: number;
  posted: { errors: number };
}): void {
  const a = perThousand(r.intake, INTAKES);
  const fu = perThousand(r.followUp, INTAKES);
  const t = addUsage(a, fu);
  const [ca, cf, ct] = [costOf(a), costOf(fu), costOf(t)];
  const row = (label: string, key: keyof Usage, cost?: keyof typeof ca) => [
    label,
    count(a[key]),
    cost ? usd(ca[cost]) : '–',
    count(fu[key]),
    cost ? usd(cf[cost]) : '–',
    count(t[key]),
    cost ? usd(ct[cost]) : '–',
  ];
  printTable(
    [
      ['per 1,000 intakes', 'intake → 1st Wait', '$', 'follow-up', '$', 'with follow-up', '$'],
      row('state transitions', 'transitions', 'transitions'),
      row('Lambda invocations', 'lambdaInvocations', 'lambdaRequests'),
      row('e-mails (recipients)', 'mails', 'mails'),
      row('DynamoDB requests', 'dynamoRequests'),
      row('DynamoDB WRU (incl. index writes)', 'wru', 'wru'),
      row('DynamoDB RRU', 'rru', 'rru'),
      ['total', '', usd(ca.total), '', usd(cf.total), '', usd(ct.total)],
    ],
    [1, 2, 3, 4, 5, 6],
  );
  console.log(`\n  cost per 1,000 intakes: ${usd(ca.total)} (intake) … ${usd(ct.total)} (with the full follow-up: reminder and escalation)`);

  // What the definition alone predicts, next to what the run counted.
  const path = walkPath(r.definition);
  const [toWait, rest] = splitAtFirstWait(path);
  const sw = summarize(toWait);
  const se = summarize(path);
  console.log(`\n  The definition alone (${WORKFLOW.definition}; at each Choice its Default: a new participant nobody contacts):`);
  console.log(`    ${toWait.map((s) => s.name).join(' → ')}  ‖  ${rest.map((s) => s.name).join(' → ')}\n`);
  const f = 1000 / INTAKES;
  printTable(
    [
      ['per 1,000 intakes', 'definition', 'run'],
      ['state transitions to the first Wait', count(sw.states * 1000), count(r.seenA.transitions * f)],
      ['state transitions to the end', count(se.states * 1000), count(r.seen.transitions * f)],
      ['Lambda task invocations to the first Wait', count(sw.lambdaTasks * 1000), count(r.seenA.lambdaInvocations * f)],
      ['Lambda task invocations to the end', count(se.lambdaTasks * 1000), count(r.seen.lambdaInvocations * f)],
    ],
    [1, 2],
  );
  console.log(
    `\n  the run: task retries ${r.seen.retries}; ${r.moves} clock moves; executions ${Object.entries(r.seen.statuses)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ')}`,
  );

  const inv = [a.lambdaInvocations, t.lambdaInvocations];
  console.log(
    `\n  not in the total: Lambda duration (not measured — local handler times say nothing of a 512 MB Graviton function's); every 100 ms of average billed duration at ${LAMBDA_MEMORY_MB} MB arm64 adds ${usd(durationCost(inv[0]!, 100, LAMBDA_MEMORY_MB))} (intake) / ${usd(durationCost(inv[1]!, 100, LAMBDA_MEMORY_MB))} (with follow-up) per 1,000 intakes`,
  );
  console.log(
    `  counted, not priced: ${count(INTAKES * f)} API Gateway requests and ${count(r.seen.count * f)} Pipe events (stream record → execution) per 1,000 intakes; storage, streams, logs, traces, KMS and data transfer are not counted`,
  );
}

function printDynamoDetail(a: MeterSnapshot, b: MeterSnapshot, table: string, sfnTable: string): void {
  console.log(`\n  DynamoDB per 1,000 intakes, table ${table} (meter estimates: item sizes by DynamoDB's rules, see local/dynamo-meter.mjs)\n`);
  const f = 1000 / INTAKES;
  const rows: string[][] = [['part', 'operation', 'requests', 'WRU', 'RRU', 'KB sent', 'KB received', 'failed conditions']];
  for (const [part, snap] of [
    ['intake', a],
    ['follow-up', b],
  ] as const) {
    const t = snap.tables[table];
    for (const [op, o] of Object.entries(t?.operations ?? {}).sort()) {
      rows.push([part, op, count(o.requests * f), count(o.wru * f), count(o.rru * f), count(Math.round((o.requestBytes * f) / 1024)), count(Math.round((o.responseBytes * f) / 1024)), count(o.conditionalFailures * f)]);
    }
    for (const [index, i] of Object.entries(t?.indexes ?? {}).sort()) {
      rows.push([part, `${index} (index writes: ${count(i.writes * f)})`, '', count(i.wru * f), '', '', '', '']);
    }
  }
  printTable(rows, [2, 3, 4, 5, 6, 7]);
  const s = [tableUsage(a, sfnTable), tableUsage(b, sfnTable)];
  console.log(
    `\n  not billed: the local Step Functions store (${sfnTable}, a stand-in for Step Functions' own state) made ${count(s[0]!.requests * f)} (intake) + ${count(s[1]!.requests * f)} (follow-up, the bench's history reads included) requests per 1,000 intakes`,
  );
}
