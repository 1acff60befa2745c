/**
 * The pure parts of the bench's cost line: what a run used (from execution histories and the
 * DynamoDB meter), what that costs at the list prices (bench/prices.ts), and what a workflow
 * definition alone predicts (its states along the intake's path).
 */
import type { MeterSnapshot } from '../local/dynamo.js';
import { PRICES, unitPrice, type PriceTable } from './prices.js';

/** What a run (or one part of it) used. */
export interface Usage {
  /** Billed state transitions: states entered plus task retries. */
  transitions: number;
  /** Lambda invocations: API requests plus task invocations (each attempt). */
  lambdaInvocations: number;
  /** E-mails sent, counted per recipient as SES bills them. */
  mails: number;
  dynamoRequests: number;
  /** Write request units, index writes included. */
  wru: number;
  rru: number;
}

export interface Cost {
  transitions: number;
  lambdaRequests: number;
  mails: number;
  wru: number;
  rru: number;
  total: number;
}

export const NO_USAGE: Usage = { transitions: 0, lambdaInvocations: 0, mails: 0, dynamoRequests: 0, wru: 0, rru: 0 };

/** Dollars for a usage at the given prices (Lambda duration is not in it: see the README). */
export function costOf(u: Usage, prices: PriceTable = PRICES): Cost {
  const c = {
    transitions: u.transitions * unitPrice(prices.stateTransition),
    lambdaRequests: u.lambdaInvocations * unitPrice(prices.lambdaRequest),
    mails: u.mails * unitPrice(prices.email),
    wru: u.wru * unitPrice(prices.writeRequestUnit),
    rru: u.rru * unitPrice(prices.readRequestUnit),
  };
  return { ...c, total: c.transitions + c.lambdaRequests + c.mails + c.wru + c.rru };
}

/** Dollars that each `msPerInvocation` of average billed duration would add (arm64, `memoryMb`). */
export function durationCost(invocations: number, msPerInvocation: number, memoryMb: number, prices: PriceTable = PRICES): number {
  return invocations * (msPerInvocation / 1000) * (memoryMb / 1024) * unitPrice(prices.lambdaArmGbSecond);
}

/** A usage scaled from `intakes` to 1,000 intakes. */
export function perThousand(u: Usage, intakes: number): Usage {
  const f = 1000 / intakes;
  return {
    transitions: u.transitions * f,
    lambdaInvocations: u.lambdaInvocations * f,
    mails: u.mails * f,
    dynamoRequests: u.dynamoRequests * f,
    wru: u.wru * f,
    rru: u.rru * f,
  };
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    transitions: a.transitions + b.transitions,
    lambdaInvocations: a.lambdaInvocations + b.lambdaInvocations,
    mails: a.mails + b.mails,
    dynamoRequests: a.dynamoRequests + b.dynamoRequests,
    wru: a.wru + b.wru,
    rru: a.rru + b.rru,
  };
}

// ---------------------------------------------------------------- DynamoDB, from the meter

export interface TableUsage {
  requests: number;
  /** The table's own writes plus its index writes. */
  wru: number;
  indexWru: number;
  rru: number;
  requestBytes: number;
  responseBytes: number;
}

/** One table's totals in a meter snapshot (zeros if the table was not used). */
export function tableUsage(snapshot: MeterSnapshot, tableName: string): TableUsage {
  const t = snapshot.tables[tableName];
  const u: TableUsage = { requests: 0, wru: 0, indexWru: 0, rru: 0, requestBytes: 0, responseBytes: 0 };
  if (!t) return u;
  for (const o of Object.values(t.operations)) {
    u.requests += o.requests;
    u.wru += o.wru;
    u.rru += o.rru;
    u.requestBytes += o.requestBytes;
    u.responseBytes += o.responseBytes;
  }
  for (const i of Object.values(t.indexes)) u.indexWru += i.wru;
  u.wru += u.indexWru;
  return u;
}

// ---------------------------------------------------------------- executions, from their histories

export interface HistoryEvent {
  type?: string;
  timestamp?: unknown;
  stateEnteredEventDetails?: { name?: string; input?: string };
  taskScheduledEventDetails?: { resourceType?: string };
}

export interface HistoryCount {
  /** `*StateEntered` events. */
  statesEntered: number;
  /** Task attempts after the first of each state entry (Step Functions bills each as a transition). */
  retries: number;
  /** Billed transitions: states entered plus retries. */
  transitions: number;
  /** Lambda invocations by the workflow (each attempt): LambdaFunctionScheduled, or a Lambda TaskScheduled. */
  lambdaInvocations: number;
}

/** Counts what an execution's history bills. */
export function countHistory(events: readonly HistoryEvent[]): HistoryCount {
  let statesEntered = 0;
  let retries = 0;
  let lambdaInvocations = 0;
  let attempts = 0;
  const closeState = () => {
    retries += Math.max(0, attempts - 1);
    attempts = 0;
  };
  for (const { type = '', taskScheduledEventDetails } of events) {
    if (type.endsWith('StateEntered')) {
      closeState();
      statesEntered++;
    } else if (type === 'LambdaFunctionScheduled' || type === 'TaskScheduled' || type === 'ActivityScheduled') {
      attempts++;
      if (type === 'LambdaFunctionScheduled' || taskScheduledEventDetails?.resourceType === 'lambda') lambdaInvocations++;
    } else if (type.endsWith('StateExited')) closeState();
  }
  closeState();
  return { statesEntered, retries, transitions: statesEntered + retries, lambdaInvocations };
}

// ---------------------------------------------------------------- the definition alone

interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Resource?: string;
  Seconds?: number;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
}

export interface PathState {
  name: string;
  type: string;
  /** A Task that invokes a Lambda function (a function ARN, a placeholder for one, or lambda:invoke). */
  lambda: boolean;
}

export interface PathSummary {
  states: number;
  tasks: number;
  lambdaTasks: number;
  choices: number;
  waits: number;
}

const isLambdaResource = (r: string | undefined) =>
  r !== undefined && (/^\$\{\w+FunctionArn\}$/.test(r) || /^arn:aws[\w-]*:lambda:/.test(r) || /^arn:aws[\w-]*:states:::lambda:invoke/.test(r));

/**
 * The states a workflow enters along one path, from StartAt to its end: each state's Next, and
 * at a Choice its Default unless `choose` names the branch. (In the intake definition the Choice
 * rules are the early exits — a second execution, a known person, a follow-up already done —
 * so the Defaults are the path of a new participant nobody contacts.) Top-level states only.
 */
export function walkPath(def: AslDefinition, choose: Record<string, string> = {}): PathState[] {
  const path: PathState[] = [];
  const seen = new Set<string>();
  let name: string | undefined = def.StartAt;
  while (name !== undefined) {
    const s: AslState | undefined = def.States[name];
    if (!s) throw new Error(`the definition has no state ${name}`);
    if (seen.has(name)) throw new Error(`the path loops at ${name}: name the branch to take with \`choose\``);
    seen.add(name);
    path.push({ name, type: s.Type, lambda: s.Type === 'Task' && isLambdaResource(s.Resource) });
    if (s.Type === 'Succeed' || s.Type === 'Fail' || s.End) break;
    if (s.Type === 'Choice') {
      name = choose[name] ?? s.Default;
      if (name === undefined) throw new Error(`Choice ${path[path.length - 1]!.name} has no Default: name the branch to take`);
    } else name = s.Next;
  }
  return path;
}

/** The path up to and including its first Wait, and the rest. */
export function splitAtFirstWait(path: PathState[]): [PathState[], PathState[]] {
  const i = path.findIndex((s) => s.type === 'Wait');
  return i < 0 ? [path, []] : [path.slice(0, i + 1), path.slice(i + 1)];
}

export function summarize(path: PathState[]): PathSummary {
  return {
    states: path.length,
    tasks: path.filter((s) => s.type === 'Task').length,
    lambdaTasks: path.filter((s) => s.lambda).length,
    choices: path.filter((s) => s.type === 'Choice').length,
    waits: path.filter((s) => s.type === 'Wait').length,
  };
}

/**
 * When a Wait entered with `input` (a JSON string) at `enteredAt` (epoch ms) ends: Timestamp,
 * TimestampPath, Seconds or SecondsPath; paths as simple `$.a.b`. Undefined if it cannot tell.
 */
export function waitDue(state: AslState | undefined, input: string | undefined, enteredAt: number): number | undefined {
  if (state?.Type !== 'Wait') return undefined;
  const at = (path: string): unknown => {
    let v: unknown = JSON.parse(input ?? 'null');
    for (const part of path.replace(/^\$\.?/, '').split('.').filter(Boolean)) v = (v as Record<string, unknown> | null)?.[part];
    return v;
  };
  const timestamp = state.Timestamp ?? (state.TimestampPath ? at(state.TimestampPath) : undefined);
  if (typeof timestamp === 'string') return Date.parse(timestamp);
  const seconds = state.Seconds ?? (state.SecondsPath ? at(state.SecondsPath) : undefined);
  return typeof seconds === 'number' ? enteredAt + seconds * 1000 : undefined;
}
