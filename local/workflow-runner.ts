import './polyfills.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TASKS, taskArnPlaceholder, WORKFLOWS, type TaskSpec, type WorkflowSpec } from '../infra/workflow-specs.js';
import { Clock, type Timeline } from './clock.js';
import { invoke, localFunctionArn } from './lambda.js';
import { classifyResource, LOCAL_WAIT_RESOURCE, ServiceIntegrations, taskError, type ResourceInfo } from './sfn-integrations.js';
import type { ExecutionRecord, ExecutionStatus, SfnStore, StoredEvent } from './sfn-store.js';

export type { ExecutionStatus } from './sfn-store.js';

const ROOT = resolve(import.meta.dirname, '..');
const ACCOUNT = '000000000000';

/**
 * aws-local-stepfunctions races every Task with a real-time timer (60 s unless TimeoutSeconds).
 * The runner times tasks itself (real time for Lambda and SDK calls, its clock for callbacks and
 * waits) and gives the library this instead: just below setTimeout's ceiling of 24.8 days.
 */
const LIBRARY_TASK_TIMEOUT_SECONDS = 2_000_000;
/** A task parked this long in real time is started again from the top before the library's timer fires. */
const RESTART_AFTER_MS = (LIBRARY_TASK_TIMEOUT_SECONDS - 24 * 3600) * 1000;
/** Lambda tasks without TimeoutSeconds (the library's default, in real time). */
const DEFAULT_TASK_TIMEOUT_SECONDS = 60;
/** History of a busy execution is written at least this often (and whenever it parks or ends). */
const HISTORY_FLUSH_MS = 1000;
/** What `$$.Task.Token` resolves to in Parameters; replaced by a fresh token in callback tasks. */
const TOKEN_PLACEHOLDER = 'local-task-token-placeholder-3f9c1e7a';
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export interface LocalExecution {
  executionArn: string;
  workflow: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  error?: string;
}

/** An error the Step Functions API answers with (HTTP 400, `__type` = type). */
export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/** Errors the runner raises inside an execution that no Retry or Catch may handle. */
class RunnerSignal extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
const aborted = () => new RunnerSignal('Local.ExecutionStopped', 'the execution was stopped');
const restartFromTop = () => new RunnerSignal('Local.RestartFromTop', 'parked longer than the local runner can wait in one go');
const runtimeError = (message: string) => new RunnerSignal('States.Runtime', message);

/**
 * `States.Timeout` must be the library's own error class: `States.TaskFailed` in a Retry or Catch
 * matches every task error except that class. It is not exported, so one is caught once from a
 * task with a 1 ms timeout.
 */
let StatesTimeoutError: (new () => Error) | undefined;
const timeoutClassReady: Promise<void> = (async () => {
  const probe = new StateMachine(
    { StartAt: 'T', States: { T: { Type: 'Task', Resource: localFunctionArn('Probe'), TimeoutSeconds: 0.001, End: true } } } as never,
    { validationOptions: { noValidate: true } },
  );
  const run = probe.run({}, { overrides: { taskResourceLocalHandlers: { T: () => new Promise(() => undefined) } } });
  try {
    await run.result;
  } catch (err) {
    const cause = (err as { cause?: Error }).cause;
    if (cause?.name === 'States.Timeout') StatesTimeoutError = cause.constructor as new () => Error;
  }
})();

function timeoutError(name: 'States.Timeout' | 'States.HeartbeatTimeout', cause: string): Error {
  const err = StatesTimeoutError ? new StatesTimeoutError() : new Error();
  err.name = name;
  err.message = cause;
  return err;
}
const isTimeout = (err: Error) => (StatesTimeoutError !== undefined && err instanceof StatesTimeoutError) || err.name === 'States.Timeout';

/** Reads an ASL file and fills `${<Task>FunctionArn}` with the local ARN of each task function. */
export function loadDefinition(file: string, tasks: TaskSpec[] = TASKS): StateMachineDefinition {
  let text = readFileSync(resolve(ROOT, file), 'utf8');
  for (const task of tasks) text = text.replaceAll('${' + taskArnPlaceholder(task.id) + '}', localFunctionArn(task.id));
  return JSON.parse(text) as StateMachineDefinition;
}

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'NONE' | 'FULL';
}

interface StateInfo {
  name: string;
  /** The type in the ASL file (a Wait runs as a local Task but is reported as a Wait). */
  type: string;
  resource?: ResourceInfo;
  /** The handler module of a plain Lambda ARN. */
  task?: TaskSpec;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  retry: Retrier[];
}

interface Workflow {
  id: string;
  stateMachineArn: string;
  machine: StateMachine;
  timeoutSeconds?: number;
  states: Map<string, StateInfo>;
  taskStates: string[];
  retryOverrides: Record<string, number>;
}

interface Park {
  kind: 'wait' | 'callback' | 'retry';
  due: number;
  resolved: boolean;
}

type RunHandle = ReturnType<StateMachine['run']>;

interface Live {
  record: ExecutionRecord;
  wf: Workflow;
  /** This run's time: the clock, sped up by TIME_SCALE from the moment the run starts. */
  time: Timeline;
  /** Aborted when the execution ends for any reason: ends its parks and sleeps. */
  control: AbortController;
  run?: RunHandle;
  consumed?: Promise<void>;
  redriven: boolean;
  stopRequest?: { status: 'ABORTED' | 'TIMED_OUT'; error?: string; cause?: string };
  shutdown: boolean;
  resultSettled: boolean;
  /** Set once the final event is recorded: nothing is appended after it. */
  closed: boolean;
  nextEventId: number;
  buffer: StoredEvent[];
  writes: Promise<void>;
  flushTimer: NodeJS.Timeout | undefined;
  /** The execution slot: held while the execution has work to do, given up while it is parked. */
  releaseSlot: (() => void) | undefined;
  activating: Promise<void> | undefined;
  inflight: number;
  parks: Set<Park>;
  /** Every running task parked (and none answered): counted apart, so idle() stays cheap. */
  resting: boolean;
  retries: Map<string, { attempts: number[]; delayMs?: number }>;
  done: Promise<void>;
  resolveDone: () => void;
}

interface Waiter {
  exec: Live;
  info: StateInfo;
  settled: boolean;
  outcome: Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  heartbeatDue: number;
  park?: Park;
  wake?: () => void;
}

export interface WorkflowRunnerOptions {
  store: SfnStore;
  /** The service integrations (DynamoDB) use this client; the SDK's env endpoints for SES. */
  dynamo: DynamoDBClient;
  clock?: Clock;
  /** Default: infra/workflow-specs.ts. */
  workflows?: WorkflowSpec[];
  tasks?: TaskSpec[];
  /** Test-only definitions and their task modules (e.g. under test/workflows/). */
  extraWorkflows?: WorkflowSpec[];
  extraTasks?: TaskSpec[];
  /**
   * Executions with work to do at once (default 16); the others queue. An execution parked in a
   * Wait, a callback or a retry interval holds no slot, so waiting executions never block others.
   */
  maxConcurrentExecutions?: number;
  /** Task invocations (Lambda handlers, SDK calls) running at once (default 16). */
  maxConcurrentTasks?: number;
  /** Multiplies every retry interval (after IntervalSeconds, BackoffRate, jitter); 0 retries at once. */
  retryIntervalScale?: number;
  log?: (message: string) => void;
  /** Called first by idle(): lets whatever starts executions catch up (the local change feed). */
  settle?: () => Promise<void>;
}

/**
 * The local Step Functions: runs the ASL files of infra/workflows with aws-local-stepfunctions.
 *
 * - Task states resolve to the real handler modules (Lambda ARNs, `lambda:invoke`,
 *   `lambda:invoke.waitForTaskToken`) or to SDK calls against the local services (DynamoDB, SES v2).
 * - Wait states become local tasks that sleep on the runner's clock; callback tasks get a fresh
 *   token and wait (on the clock, with TimeoutSeconds/HeartbeatSeconds) for SendTaskSuccess/Failure;
 *   retry intervals follow each Retry policy on the clock.
 * - Executions, their history and the tokens handed out are kept in the SfnStore; after a restart
 *   every execution still RUNNING starts again from the top (every step is idempotent) with the
 *   same ARN, and the history notes it (ExecutionRedriven).
 */
export class WorkflowRunner {
  readonly clock: Clock;
  private readonly store: SfnStore;
  private readonly workflows = new Map<string, Workflow>();
  private readonly byArn = new Map<string, Workflow>();
  private readonly tasks: Map<string, TaskSpec>;
  private readonly integrations: ServiceIntegrations;
  private readonly live = new Map<string, Live>();
  private readonly starting = new Map<string, Promise<ExecutionRecord & { created: boolean }>>();
  private readonly known = new Map<string, ExecutionRecord>();
  private readonly tokens = new Map<string, Waiter>();
  private readonly invocations = new Set<Promise<unknown>>();
  private readonly region = process.env['AWS_REGION'] ?? 'eu-central-1';
  private readonly retryIntervalScale: number;
  private readonly log: (message: string) => void;
  private readonly slots: Slots;
  private readonly executionSlots: Slots;
  /** Store writes of starts and history, bounded so a burst does not flood dynalite. */
  private readonly writeSlots = new Slots(8);
  private readonly catchUp: () => Promise<void>;
  private changeListeners: (() => void)[] = [];
  private notifyScheduled = false;
  /** Live executions that are not resting (idle() is O(1) while any is busy). */
  private busy = 0;
  private stopped = false;

  constructor(opts: WorkflowRunnerOptions) {
    this.store = opts.store;
    this.clock = opts.clock ?? new Clock();
    this.integrations = new ServiceIntegrations(opts.dynamo);
    this.retryIntervalScale = opts.retryIntervalScale ?? 1;
    this.slots = new Slots(opts.maxConcurrentTasks ?? 16);
    this.executionSlots = new Slots(opts.maxConcurrentExecutions ?? 16);
    this.log = opts.log ?? ((m) => console.error(m));
    this.catchUp = opts.settle ?? (() => Promise.resolve());
    const tasks = [...(opts.tasks ?? TASKS), ...(opts.extraTasks ?? [])];
    this.tasks = new Map(tasks.map((t) => [t.id, t]));
    const byFunctionArn = new Map(tasks.map((t) => [localFunctionArn(t.id), t]));
    for (const spec of [...(opts.workflows ?? WORKFLOWS), ...(opts.extraWorkflows ?? [])]) {
      const wf = this.prepare(spec, tasks, byFunctionArn);
      this.workflows.set(wf.id, wf);
      this.byArn.set(wf.stateMachineArn, wf);
    }
  }

  stateMachineArn(workflow: string): string {
    return `arn:aws:states:${this.region}:${ACCOUNT}:stateMachine:${workflow}`;
  }

  executionArn(workflow: string, name: string): string {
    return `arn:aws:states:${this.region}:${ACCOUNT}:execution:${workflow}:${name}`;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  // ---------------------------------------------------------------- loading definitions

  private prepare(spec: WorkflowSpec, tasks: TaskSpec[], byFunctionArn: Map<string, TaskSpec>): Workflow {
    const original = loadDefinition(spec.definition, tasks);
    // Validates as Step Functions would (asl-validator mutates its input: a copy).
    new StateMachine(structuredClone(original));
    const runnable = structuredClone(original) as StateMachineDefinition & { TimeoutSeconds?: number };
    // The execution timeout runs on the runner's clock, not on a real-time timer of the library.
    const timeoutSeconds = runnable.TimeoutSeconds;
    delete runnable.TimeoutSeconds;
    const states = new Map<string, StateInfo>();
    this.transform(spec.definition, runnable.States as unknown as Record<string, Record<string, unknown>>, states, byFunctionArn);
    const taskStates = [...states.values()].filter((s) => s.resource).map((s) => s.name);
    return {
      id: spec.id,
      stateMachineArn: this.stateMachineArn(spec.id),
      machine: new StateMachine(runnable, { validationOptions: { noValidate: true } }),
      ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
      states,
      taskStates,
      // The runner waits between retries itself (on its clock): the library retries at once.
      retryOverrides: Object.fromEntries(taskStates.map((n) => [n, 0])),
    };
  }

  private transform(
    file: string,
    defs: Record<string, Record<string, unknown>>,
    states: Map<string, StateInfo>,
    byFunctionArn: Map<string, TaskSpec>,
  ): void {
    for (const [name, s] of Object.entries(defs)) {
      if (states.has(name)) throw new Error(`${file}: state name ${name} is used twice`);
      const info: StateInfo = { name, type: String(s['Type']), retry: [] };
      states.set(name, info);
      if (s['Type'] === 'Wait') {
        defs[name] = waitAsTask(s);
        info.resource = classifyResource(LOCAL_WAIT_RESOURCE)!;
      } else if (s['Type'] === 'Task') {
        const resource = String(s['Resource']);
        const r = classifyResource(resource);
        if (!r || r.kind === 'wait') throw new Error(`${file}: state ${name}: the local runner does not support the resource ${resource}`);
        info.resource = r;
        if (r.kind === 'lambda') {
          info.task = byFunctionArn.get(resource);
          if (!info.task) throw new Error(`${file}: state ${name} has no local task for ${resource}`);
        }
        const params = s['Parameters'] as Record<string, unknown> | undefined;
        if ((r.kind === 'lambda-invoke' || r.kind === 'callback') && typeof params?.['FunctionName'] === 'string') {
          this.functionFor(params['FunctionName']); // fails early for an unknown function
        }
        if (s['TimeoutSecondsPath'] !== undefined || s['HeartbeatSecondsPath'] !== undefined) {
          throw new Error(`${file}: state ${name}: TimeoutSecondsPath/HeartbeatSecondsPath are not supported locally`);
        }
        if (typeof s['TimeoutSeconds'] === 'number') info.timeoutSeconds = s['TimeoutSeconds'];
        if (typeof s['HeartbeatSeconds'] === 'number') {
          info.heartbeatSeconds = s['HeartbeatSeconds'];
          // On AWS a heartbeat timeout is matched by both names.
          for (const list of [s['Retry'], s['Catch']] as { ErrorEquals: string[] }[][]) {
            for (const r2 of list ?? []) if (r2.ErrorEquals.includes('States.Timeout')) r2.ErrorEquals.push('States.HeartbeatTimeout');
          }
        }
        s['TimeoutSeconds'] = LIBRARY_TASK_TIMEOUT_SECONDS;
        delete s['HeartbeatSeconds'];
        info.retry = (s['Retry'] as Retrier[] | undefined) ?? [];
      } else if (s['Type'] === 'Parallel') {
        for (const b of s['Branches'] as { States: Record<string, Record<string, unknown>> }[]) this.transform(file, b.States, states, byFunctionArn);
      } else if (s['Type'] === 'Map') {
        const inner = (s['ItemProcessor'] ?? s['Iterator']) as { States: Record<string, Record<string, unknown>> };
        this.transform(file, inner.States, states, byFunctionArn);
      }
    }
  }

  private functionFor(name: unknown): TaskSpec {
    if (typeof name !== 'string') throw runtimeError('lambda:invoke needs FunctionName');
    // A function ARN (with or without a version/alias) or a function name.
    const m = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:([\w-]+)(?::[\w$-]+)?$/.exec(name);
    const id = m ? m[1]! : name;
    const task = this.tasks.get(id);
    if (!task || (m && !name.startsWith(localFunctionArn(id)))) throw taskError('Lambda.ResourceNotFoundException', `Function not found: ${name}`);
    return task;
  }

  // ---------------------------------------------------------------- starting and resuming

  /**
   * Starts an execution in the background (resolves once it is recorded). An execution name is
   * unique per state machine: a second start with the same name returns the existing execution,
   * whatever its status, and starts nothing (`created: false`).
   */
  async start(workflow: string, input: unknown, name: string = randomUUID()): Promise<LocalExecution & { created: boolean }> {
    const wf = this.workflows.get(workflow);
    if (!wf) throw new Error(`unknown workflow ${workflow}`);
    const rec = await this.begin(wf, name, JSON.stringify(input ?? {}), true);
    return { ...toLocal(rec), created: rec.created };
  }

  /** StartExecution: same name and input as a running execution → that one; otherwise ExecutionAlreadyExists. */
  async startExecution(stateMachineArn: string, name: string | undefined, input: string | undefined): Promise<ExecutionRecord> {
    const wf = this.machineFor(stateMachineArn);
    const text = input ?? '{}';
    try {
      JSON.parse(text);
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Invalid State Machine Execution Input: input is not valid JSON');
    }
    const execName = name ?? randomUUID();
    if (!/^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/.test(execName)) {
      throw new SfnError('InvalidName', `Invalid Name: '${execName}'`);
    }
    return this.begin(wf, execName, text, false);
  }

  private async begin(wf: Workflow, name: string, input: string, reuse: boolean): Promise<ExecutionRecord & { created: boolean }> {
    if (this.stopped) throw new SfnError('ServiceUnavailable', 'the local cloud is stopping');
    const arn = this.executionArn(wf.id, name);
    const same = (rec: ExecutionRecord) => {
      if (reuse || (rec.status === 'RUNNING' && rec.input === input)) return { ...rec, created: false };
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    };
    const live = this.live.get(arn);
    if (live) return same(live.record);
    const pending = this.starting.get(arn);
    if (pending) return same(await pending);

    const starting = (async () => {
      const record: ExecutionRecord = {
        executionArn: arn,
        stateMachineArn: wf.stateMachineArn,
        workflow: wf.id,
        name,
        status: 'RUNNING',
        input,
        startDate: this.clock.now(),
        redriveCount: 0,
      };
      const existing = await this.writeSlots.run(() => this.store.createExecution(record));
      if (existing) return { ...existing, created: false };
      this.launch(wf, record, { redriven: false, nextEventId: 1 });
      return { ...record, created: true };
    })();
    this.starting.set(arn, starting);
    this.changed();
    try {
      const rec = await starting;
      return rec.created ? rec : same(rec);
    } finally {
      this.starting.delete(arn);
      this.changed();
    }
  }

  /**
   * After a restart: every execution still RUNNING starts again from the top, same ARN and input
   * (every step is idempotent). Returns how many.
   */
  async resume(): Promise<number> {
    await timeoutClassReady;
    const running = await this.store.runningExecutions();
    let count = 0;
    for (const rec of running) {
      if (this.live.has(rec.executionArn)) continue;
      const wf = this.byArn.get(rec.stateMachineArn);
      if (!wf) {
        this.log(`workflow execution ${rec.executionArn}: no state machine ${rec.stateMachineArn} any more; left as it is`);
        continue;
      }
      await this.redrive(wf, rec);
      count++;
    }
    return count;
  }

  private async redrive(wf: Workflow, rec: ExecutionRecord): Promise<void> {
    rec.redriveCount += 1;
    rec.redriveDate = this.clock.now();
    await this.store.recordRedrive(rec.executionArn, rec.redriveCount, rec.redriveDate);
    const last = await this.store.lastEventId(rec.executionArn);
    this.launch(wf, rec, { redriven: true, nextEventId: last + 1 });
  }

  private launch(wf: Workflow, record: ExecutionRecord, opts: { redriven: boolean; nextEventId: number }): Live {
    let resolveDone!: () => void;
    const exec: Live = {
      record,
      wf,
      time: this.clock.timeline(),
      control: new AbortController(),
      redriven: opts.redriven,
      shutdown: false,
      resultSettled: false,
      closed: false,
      nextEventId: opts.nextEventId,
      buffer: [],
      writes: Promise.resolve(),
      flushTimer: undefined,
      releaseSlot: undefined,
      activating: undefined,
      inflight: 0,
      parks: new Set(),
      resting: false,
      retries: new Map(),
      done: new Promise<void>((r) => (resolveDone = r)),
      resolveDone: () => resolveDone(),
    };
    this.live.set(record.executionArn, exec);
    this.known.set(record.executionArn, record);
    this.busy++;
    if (opts.redriven) this.emit(exec, 'ExecutionRedriven', { executionRedrivenEventDetails: { redriveCount: record.redriveCount } });
    if (wf.timeoutSeconds !== undefined) {
      this.clock.sleepUntil(record.startDate + wf.timeoutSeconds * 1000, exec.control.signal, exec.time).then(
        () => this.terminate(exec, { status: 'TIMED_OUT', error: 'States.Timeout', cause: `The execution ran longer than ${wf.timeoutSeconds} seconds.` }),
        () => undefined,
      );
    }
    this.changed();
    // Runs once it has an execution slot (StopExecution or a shutdown may come first).
    this.activate(exec).then(
      () => this.run(exec),
      () => this.finish(exec, { ok: false, err: aborted() }),
    );
    return exec;
  }

  private run(exec: Live): void {
    const { wf, record } = exec;
    if (exec.control.signal.aborted) {
      void this.finish(exec, { ok: false, err: aborted() });
      return;
    }
    const handlers = Object.fromEntries(wf.taskStates.map((n) => [n, (input: unknown) => this.runTask(exec, wf.states.get(n)!, input)]));
    const input = JSON.parse(record.input) as never;
    const run = wf.machine.run(input, {
      overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: wf.retryOverrides },
      context: {
        Execution: {
          Id: record.executionArn,
          Name: record.name,
          StartTime: new Date(record.startDate).toISOString(),
          RoleArn: this.roleArn(),
          Input: input,
        },
        StateMachine: { Id: wf.stateMachineArn, Name: wf.id },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    exec.run = run;
    exec.consumed = (async () => {
      for await (const ev of run.eventLogs) this.onLibraryEvent(exec, ev as LibraryEvent);
    })().catch((err: Error) => this.log(`workflow history of ${record.executionArn}: ${err.message}`));
    run.result
      .then(
        (value) => ({ ok: true as const, value }),
        (err: Error) => ({ ok: false as const, err }),
      )
      .then((outcome) => {
        exec.resultSettled = true;
        return this.finish(exec, outcome);
      })
      .catch((err: Error) => this.log(`workflow execution ${record.executionArn}: ${err.message}`));
  }

  /** Takes (or waits for) the execution's slot; once per wake-up, however many branches wake. */
  private activate(exec: Live): Promise<void> {
    if (exec.releaseSlot) return Promise.resolve();
    exec.activating ??= this.executionSlots.acquire(exec.control.signal).then(
      (release) => {
        exec.releaseSlot = release;
        exec.activating = undefined;
      },
      (err: unknown) => {
        exec.activating = undefined;
        throw err;
      },
    );
    return exec.activating;
  }

  /** Gives the slot up while every running task of the execution is parked; its history is written now. */
  private parked(exec: Live): void {
    if (exec.inflight > 0 && exec.parks.size === exec.inflight) {
      exec.releaseSlot?.();
      exec.releaseSlot = undefined;
      void this.flush(exec);
    }
  }

  private async finish(exec: Live, outcome: { ok: true; value: unknown } | { ok: false; err: Error }): Promise<void> {
    await exec.consumed;
    exec.control.abort(aborted());
    exec.releaseSlot?.();
    exec.releaseSlot = undefined;
    const rec = exec.record;
    try {
      if (exec.shutdown) {
        // The process stops: the execution stays RUNNING and starts again at the next start.
        exec.closed = true;
        await this.flush(exec);
        return;
      }
      const cause = outcome.ok ? undefined : ((outcome.err as { cause?: Error }).cause ?? outcome.err);
      if (!exec.stopRequest && cause instanceof RunnerSignal && cause.name === 'Local.RestartFromTop') {
        exec.closed = true;
        await this.flush(exec);
        this.live.delete(rec.executionArn);
        if (!exec.resting) this.busy--;
        exec.resting = true; // counted once: the new run counts itself
        await this.redrive(exec.wf, rec);
        return;
      }
      rec.stopDate = exec.time.now();
      if (exec.stopRequest) {
        rec.status = exec.stopRequest.status;
        if (exec.stopRequest.error !== undefined) rec.error = exec.stopRequest.error;
        if (exec.stopRequest.cause !== undefined) rec.cause = exec.stopRequest.cause;
        const details = { error: rec.error, cause: rec.cause };
        if (rec.status === 'ABORTED') this.emit(exec, 'ExecutionAborted', { executionAbortedEventDetails: details });
        else this.emit(exec, 'ExecutionTimedOut', { executionTimedOutEventDetails: details });
      } else if (outcome.ok) {
        rec.status = 'SUCCEEDED';
        rec.output = JSON.stringify(outcome.value ?? null);
        this.emit(exec, 'ExecutionSucceeded', { executionSucceededEventDetails: { output: rec.output, outputDetails: { truncated: false } } });
      } else {
        rec.status = 'FAILED';
        rec.error = cause?.name ?? 'States.Runtime';
        rec.cause = cause?.message ?? '';
        this.emit(exec, 'ExecutionFailed', { executionFailedEventDetails: { error: rec.error, cause: rec.cause } });
        if (!rec.error.startsWith('Local.')) this.log(`workflow ${exec.wf.id} execution ${rec.name} failed: ${rec.error}: ${rec.cause}`);
      }
      exec.closed = true;
      await this.flush(exec);
      await this.store.finishExecution(rec);
    } finally {
      if (this.live.get(rec.executionArn) === exec) this.live.delete(rec.executionArn);
      if (!exec.resting) this.busy--;
      exec.resting = false;
      exec.resolveDone();
      this.changed();
    }
  }

  /** Ends a running execution (StopExecution, execution timeout). */
  private terminate(exec: Live, stop: NonNullable<Live['stopRequest']>): void {
    if (exec.stopRequest || exec.shutdown || exec.resultSettled) return;
    exec.stopRequest = stop;
    exec.control.abort(aborted()); // a queued execution's slot request ends with it
    exec.run?.abort();
    for (const [hash, w] of this.tokens) if (w.exec === exec) this.tokens.delete(hash);
    this.changed();
  }

  // ---------------------------------------------------------------- tasks

  private async runTask(exec: Live, info: StateInfo, input: unknown): Promise<unknown> {
    exec.inflight++;
    this.touch(exec);
    let horizon: NodeJS.Timeout | undefined;
    try {
      // Lets the history catch up with the library's events (state entered) before ours.
      await new Promise((r) => setImmediate(r));
      if (exec.control.signal.aborted) throw aborted();
      const work = this.taskBody(exec, info, input);
      const tooLong = new Promise<never>((_, reject) => {
        horizon = setTimeout(() => reject(restartFromTop()), RESTART_AFTER_MS);
        horizon.unref();
      });
      return await Promise.race([work, tooLong]);
    } finally {
      clearTimeout(horizon);
      exec.inflight--;
      this.touch(exec);
    }
  }

  private async taskBody(exec: Live, info: StateInfo, input: unknown): Promise<unknown> {
    if (info.resource!.kind === 'wait') return this.waitState(exec, input);
    const retry = exec.retries.get(info.name);
    if (retry?.delayMs !== undefined) {
      const delay = retry.delayMs;
      delete retry.delayMs;
      await this.park(exec, 'retry', exec.time.now() + delay);
    }
    return this.attempt(exec, info, input);
  }

  /** A Wait state: `{ input, seconds | timestamp }` from the Parameters it was turned into. */
  private async waitState(exec: Live, params: unknown): Promise<unknown> {
    const p = params as { input: unknown; seconds?: unknown; timestamp?: unknown };
    let due: number;
    if (p.seconds !== undefined) {
      if (typeof p.seconds !== 'number' || !Number.isInteger(p.seconds) || p.seconds < 0) throw runtimeError(`Wait: seconds must be a non-negative integer, not ${JSON.stringify(p.seconds)}`);
      due = exec.time.now() + p.seconds * 1000;
    } else {
      const ts = p.timestamp;
      if (typeof ts !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(ts) || Number.isNaN(Date.parse(ts))) {
        throw runtimeError(`Wait: the timestamp must be an RFC 3339 time, not ${JSON.stringify(ts)}`);
      }
      due = Date.parse(ts);
    }
    await this.park(exec, 'wait', due);
    return p.input;
  }

  private async park(exec: Live, kind: Park['kind'], due: number): Promise<void> {
    const park: Park = { kind, due, resolved: false };
    exec.parks.add(park);
    this.touch(exec);
    this.parked(exec);
    try {
      await this.clock.sleepUntil(due, exec.control.signal, exec.time);
    } finally {
      exec.parks.delete(park);
      this.touch(exec);
    }
    await this.activate(exec);
  }

  private async attempt(exec: Live, info: StateInfo, input: unknown): Promise<unknown> {
    const r = info.resource!;
    const isLambda = r.kind === 'lambda';
    if (isLambda) {
      this.emit(exec, 'LambdaFunctionScheduled', {
        lambdaFunctionScheduledEventDetails: { resource: r.resource, input: json(input), inputDetails: { truncated: false }, timeoutInSeconds: info.timeoutSeconds },
      });
    } else {
      this.emit(exec, 'TaskScheduled', {
        taskScheduledEventDetails: {
          resourceType: r.resourceType,
          resource: r.resource,
          region: this.region,
          parameters: json(input),
          timeoutInSeconds: info.timeoutSeconds,
          heartbeatInSeconds: info.heartbeatSeconds,
        },
      });
    }
    const started = () =>
      isLambda
        ? this.emit(exec, 'LambdaFunctionStarted', {})
        : this.emit(exec, 'TaskStarted', { taskStartedEventDetails: { resourceType: r.resourceType, resource: r.resource } });
    try {
      const output = r.kind === 'callback' ? await this.callback(exec, info, input, started) : await this.call(exec, info, input, started);
      exec.retries.delete(info.name);
      const out = { output: json(output), outputDetails: { truncated: false } };
      if (isLambda) this.emit(exec, 'LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: out });
      else this.emit(exec, 'TaskSucceeded', { taskSucceededEventDetails: { resourceType: r.resourceType, resource: r.resource, ...out } });
      return output;
    } catch (e) {
      const err = e instanceof Error ? e : taskError('Error', String(e));
      if (exec.control.signal.aborted || err instanceof RunnerSignal) throw err;
      const details = { error: err.name, cause: err.message };
      const timedOut = isTimeout(err) || err.name === 'States.HeartbeatTimeout';
      if (isLambda) this.emit(exec, timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', { [timedOut ? 'lambdaFunctionTimedOutEventDetails' : 'lambdaFunctionFailedEventDetails']: details });
      else if (timedOut) this.emit(exec, 'TaskTimedOut', { taskTimedOutEventDetails: { resourceType: r.resourceType, resource: r.resource, ...details } });
      else this.emit(exec, 'TaskFailed', { taskFailedEventDetails: { resourceType: r.resourceType, resource: r.resource, ...details } });
      this.planRetry(exec, info, err);
      throw err;
    }
  }

  /** A Lambda handler or an SDK call: one task slot, a real-time timeout (TimeoutSeconds, else 60 s). */
  private async call(exec: Live, info: StateInfo, input: unknown, started: () => void): Promise<unknown> {
    const r = info.resource!;
    const timeoutMs = (info.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS) * 1000;
    return this.withSlot(async () => {
      if (exec.control.signal.aborted) throw aborted();
      started();
      if (r.kind === 'lambda') return (await this.guard(exec, this.track(invoke(info.task!.entry, info.task!.id, input)), timeoutMs)) ?? null;
      if (r.kind === 'lambda-invoke') {
        const p = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
        const fn = this.functionFor(p.FunctionName);
        const payload = await this.guard(exec, this.track(invoke(fn.entry, fn.id, p.Payload ?? {})), timeoutMs);
        return { ExecutedVersion: '$LATEST', Payload: payload ?? null, StatusCode: 200 };
      }
      return this.guard(exec, this.track(this.integrations.call(r, input)), timeoutMs);
    });
  }

  /**
   * `lambda:invoke.waitForTaskToken`: a fresh token replaces `$$.Task.Token` in the payload, the
   * function runs, then the task waits on the clock for SendTaskSuccess/Failure, its TimeoutSeconds
   * or HeartbeatSeconds.
   */
  private async callback(exec: Live, info: StateInfo, input: unknown, started: () => void): Promise<unknown> {
    const r = info.resource!;
    const p = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
    const fn = this.functionFor(p.FunctionName);
    const token = randomBytes(32).toString('base64url');
    const hash = hashToken(token);
    const begun = exec.time.now();
    let resolve!: (v: unknown) => void;
    let reject!: (e: Error) => void;
    const outcome = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    outcome.catch(() => undefined);
    const waiter: Waiter = {
      exec,
      info,
      settled: false,
      outcome,
      resolve,
      reject,
      heartbeatDue: info.heartbeatSeconds !== undefined ? begun + info.heartbeatSeconds * 1000 : Infinity,
    };
    await this.store.putToken(hash, { executionArn: exec.record.executionArn, stateName: info.name, createdAt: begun });
    if (exec.control.signal.aborted) throw aborted();
    this.tokens.set(hash, waiter); // live before the function sees the token
    try {
      const result = await this.withSlot(async () => {
        if (exec.control.signal.aborted) throw aborted();
        started();
        const payload = withToken(p.Payload ?? {}, token);
        return this.guard(exec, this.track(invoke(fn.entry, fn.id, payload)), DEFAULT_TASK_TIMEOUT_SECONDS * 1000);
      });
      this.emit(exec, 'TaskSubmitted', {
        taskSubmittedEventDetails: {
          resourceType: r.resourceType,
          resource: r.resource,
          output: json({ ExecutedVersion: '$LATEST', Payload: result ?? null, StatusCode: 200 }),
          outputDetails: { truncated: false },
        },
      });
      const timeoutDue = info.timeoutSeconds !== undefined ? begun + info.timeoutSeconds * 1000 : Infinity;
      for (;;) {
        if (waiter.settled) return await outcome;
        const due = Math.min(timeoutDue, waiter.heartbeatDue);
        const wake = new AbortController();
        const park: Park = { kind: 'callback', due, resolved: false };
        waiter.park = park;
        waiter.wake = () => wake.abort();
        exec.parks.add(park);
        this.touch(exec);
        this.parked(exec);
        let reason: 'settled' | 'due' | 'woken';
        try {
          reason = await Promise.race([
            outcome.then(
              () => 'settled' as const,
              () => 'settled' as const,
            ),
            this.clock.sleepUntil(due, AbortSignal.any([wake.signal, exec.control.signal]), exec.time).then(
              () => 'due' as const,
              () => 'woken' as const,
            ),
          ]);
        } finally {
          wake.abort();
          exec.parks.delete(park);
          this.touch(exec);
        }
        if (exec.control.signal.aborted) throw aborted();
        if (reason !== 'woken') await this.activate(exec);
        if (reason === 'settled') return await outcome;
        if (reason === 'due') {
          const now = exec.time.now();
          if (now >= timeoutDue) throw timeoutError('States.Timeout', `The task did not report back within ${info.timeoutSeconds} seconds.`);
          if (now >= waiter.heartbeatDue) throw timeoutError('States.HeartbeatTimeout', `No heartbeat within ${info.heartbeatSeconds} seconds.`);
        }
      }
    } finally {
      this.tokens.delete(hash);
    }
  }

  /** Mirrors the library's choice of retrier, so the runner can wait the interval on its clock. */
  private planRetry(exec: Live, info: StateInfo, err: Error): void {
    const state = exec.retries.get(info.name) ?? { attempts: info.retry.map(() => 0) };
    const retryable = (err as { isRetryable?: boolean }).isRetryable ?? true;
    const timedOut = isTimeout(err);
    for (const [i, r] of info.retry.entries()) {
      const matches = retryable && r.ErrorEquals.some((e) => e === err.name || e === 'States.ALL' || (e === 'States.TaskFailed' && !timedOut));
      if (!matches) continue;
      const attempts = state.attempts[i] ?? 0;
      if (attempts >= (r.MaxAttempts ?? 3)) break;
      let seconds = (r.IntervalSeconds ?? 1) * Math.pow(r.BackoffRate ?? 2, attempts);
      if (r.MaxDelaySeconds) seconds = Math.min(seconds, r.MaxDelaySeconds);
      if (r.JitterStrategy === 'FULL') seconds = Math.random() * seconds;
      state.attempts[i] = attempts + 1;
      state.delayMs = seconds * 1000 * this.retryIntervalScale;
      exec.retries.set(info.name, state);
      return;
    }
    exec.retries.delete(info.name);
  }

  private withSlot<T>(fn: () => Promise<T>): Promise<T> {
    return this.slots.run(fn);
  }

  /** Races work with a real-time timeout (States.Timeout) and the end of the execution. */
  private async guard<T>(exec: Live, work: Promise<T>, timeoutMs: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeoutError('States.Timeout', `The task ran longer than ${timeoutMs / 1000} seconds.`)), timeoutMs);
      onAbort = () => reject(aborted());
      exec.control.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([work, stop]);
    } finally {
      clearTimeout(timer);
      exec.control.signal.removeEventListener('abort', onAbort!);
    }
  }

  /** Keeps track of handler invocations, so stop() lets them finish before the services go. */
  private track<T>(p: Promise<T>): Promise<T> {
    this.invocations.add(p);
    const done = () => this.invocations.delete(p);
    p.then(done, done);
    return p;
  }

  // ---------------------------------------------------------------- task tokens

  async sendTaskSuccess(token: string, output: string): Promise<void> {
    let value: unknown;
    try {
      value = JSON.parse(output);
    } catch {
      throw new SfnError('InvalidOutput', 'Invalid Output: output is not valid JSON');
    }
    this.settle(await this.waiterFor(token), { value });
  }

  async sendTaskFailure(token: string, error: string | undefined, cause: string | undefined): Promise<void> {
    this.settle(await this.waiterFor(token), { error: taskError(error ?? 'States.TaskFailed', cause ?? '') });
  }

  async sendTaskHeartbeat(token: string): Promise<void> {
    const w = await this.waiterFor(token);
    if (w.settled) throw new SfnError('TaskTimedOut', 'Task Timed Out');
    if (w.info.heartbeatSeconds !== undefined) {
      w.heartbeatDue = w.exec.time.now() + w.info.heartbeatSeconds * 1000;
      w.wake?.();
    }
  }

  /** A live waiting task, or the error AWS gives: InvalidToken (malformed, unknown) or TaskTimedOut (no longer waiting). */
  private async waiterFor(token: string): Promise<Waiter> {
    if (typeof token !== 'string' || !TOKEN_FORMAT.test(token)) throw new SfnError('InvalidToken', 'Invalid Token');
    const hash = hashToken(token);
    const live = this.tokens.get(hash);
    if (live && !live.settled) return live;
    if (live || (await this.store.getToken(hash))) throw new SfnError('TaskTimedOut', 'Task Timed Out: the task is no longer waiting for this token');
    throw new SfnError('InvalidToken', 'Invalid Token');
  }

  private settle(w: Waiter, result: { value: unknown } | { error: Error }): void {
    if (w.settled) throw new SfnError('TaskTimedOut', 'Task Timed Out: the task is no longer waiting for this token');
    w.settled = true;
    if (w.park) w.park.resolved = true;
    if ('error' in result) w.reject(result.error);
    else w.resolve(result.value);
    this.touch(w.exec);
  }

  // ---------------------------------------------------------------- the Step Functions API

  private machineFor(stateMachineArn: string): Workflow {
    if (!/^arn:aws[\w-]*:states:[\w-]+:\d{12}:stateMachine:[\w-]{1,80}$/.test(stateMachineArn ?? '')) {
      throw new SfnError('InvalidArn', `Invalid Arn: '${stateMachineArn}'`);
    }
    const wf = this.byArn.get(stateMachineArn);
    if (!wf) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    return wf;
  }

  private async recordFor(executionArn: string): Promise<ExecutionRecord> {
    if (!/^arn:aws[\w-]*:states:[\w-]+:\d{12}:execution:[\w-]{1,80}:[^:\s]{1,80}$/.test(executionArn ?? '')) {
      throw new SfnError('InvalidArn', `Invalid Arn: '${executionArn}'`);
    }
    const rec = this.live.get(executionArn)?.record ?? (await this.store.getExecution(executionArn));
    if (!rec) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return rec;
  }

  async describeExecution(executionArn: string): Promise<ExecutionRecord> {
    return { ...(await this.recordFor(executionArn)) };
  }

  async listExecutions(
    stateMachineArn: string,
    opts: { status?: ExecutionStatus; limit: number; next?: Record<string, unknown> },
  ): Promise<{ executions: ExecutionRecord[]; next?: Record<string, unknown> }> {
    this.machineFor(stateMachineArn);
    const page = await this.store.listExecutions(stateMachineArn, opts);
    // A running execution's status changes in memory first.
    return { ...page, executions: page.executions.map((e) => this.live.get(e.executionArn)?.record ?? e) };
  }

  async getExecutionHistory(executionArn: string, opts: { reverse: boolean; limit: number; after?: number }): Promise<{ events: StoredEvent[]; more: boolean }> {
    await this.recordFor(executionArn);
    const exec = this.live.get(executionArn);
    if (exec) await this.flush(exec);
    return this.store.history(executionArn, opts);
  }

  /** StopExecution: ends a running execution as ABORTED; an execution that has ended stays as it is. */
  async stopExecution(executionArn: string, error?: string, cause?: string): Promise<ExecutionRecord> {
    const rec = await this.recordFor(executionArn);
    const exec = this.live.get(executionArn);
    if (exec) {
      this.terminate(exec, { status: 'ABORTED', ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
      await exec.done;
      return { ...exec.record };
    }
    return { ...rec };
  }

  // ---------------------------------------------------------------- history

  private roleArn(): string {
    return `arn:aws:iam::${ACCOUNT}:role/local-stepfunctions`;
  }

  private emit(exec: Live, type: string, details: Record<string, unknown>): void {
    if (exec.closed) return;
    const id = exec.nextEventId++;
    exec.buffer.push({ id, previousEventId: id - 1, timestamp: exec.time.now(), type, ...details });
    // Written when the execution parks or ends, when someone reads it, or after a short while.
    if (!exec.flushTimer && exec.buffer.length < 200) {
      exec.flushTimer = setTimeout(() => void this.flush(exec), HISTORY_FLUSH_MS);
      exec.flushTimer.unref();
    } else if (exec.buffer.length >= 200) void this.flush(exec);
  }

  /** Writes the buffered events of an execution (in order, one writer per execution). */
  private flush(exec: Live): Promise<void> {
    clearTimeout(exec.flushTimer);
    exec.flushTimer = undefined;
    const events = exec.buffer.splice(0);
    if (events.length) {
      exec.writes = exec.writes
        .then(() => this.writeSlots.run(() => this.store.appendEvents(exec.record.executionArn, events)))
        .catch((err: Error) => this.log(`workflow history of ${exec.record.executionArn} not written: ${err.message}`));
    }
    return exec.writes;
  }

  /** The library's events, as Step Functions names them (a Wait stays a Wait). */
  private onLibraryEvent(exec: Live, ev: LibraryEvent): void {
    const stateName = ev.state?.name ?? '';
    const type = exec.wf.states.get(stateName)?.type ?? ev.state?.type ?? '';
    switch (ev.type) {
      case 'ExecutionStarted':
        if (!exec.redriven) {
          this.emit(exec, 'ExecutionStarted', {
            executionStartedEventDetails: { input: json(ev.input), inputDetails: { truncated: false }, roleArn: this.roleArn() },
          });
        }
        return;
      case 'StateEntered':
        this.emit(exec, `${type}StateEntered`, {
          stateEnteredEventDetails: { name: stateName, input: json(ev.state!.input), inputDetails: { truncated: false } },
        });
        return;
      case 'StateExited':
        this.emit(exec, `${type}StateExited`, {
          stateExitedEventDetails: { name: stateName, output: json(ev.state!.output), outputDetails: { truncated: false } },
        });
        return;
      case 'StateFailed':
        if (type === 'Map' || type === 'Parallel') this.emit(exec, `${type}StateFailed`, {});
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const key = `mapIteration${ev.type.slice('MapIteration'.length)}EventDetails`;
        this.emit(exec, ev.type, { [key]: { name: ev.parentState?.name, index: ev.index } });
        return;
      }
      default:
        return; // execution ends are recorded by finish(); retries and catches show as task events
    }
  }

  // ---------------------------------------------------------------- tests, tools, shutdown

  /** Executions started or resumed by this process. */
  list(): LocalExecution[] {
    return [...this.known.values()].map(toLocal);
  }

  /** Resolves when the execution ends (undefined if this process does not run it). */
  async whenDone(executionArn: string): Promise<LocalExecution | undefined> {
    const exec = this.live.get(executionArn);
    if (exec) await exec.done;
    const rec = this.known.get(executionArn);
    return rec ? toLocal(rec) : undefined;
  }

  /**
   * Resolves when no execution has work to do now: each has ended or is parked in a Wait or a
   * callback task whose due time lies ahead on the clock. Waits for retries (they end by
   * themselves) unless `retryWaitsAreIdle` — then a test can move the clock through them.
   */
  async idle(opts: { retryWaitsAreIdle?: boolean } = {}): Promise<void> {
    if (!this.stopped) await this.catchUp();
    while (!this.isIdle(opts.retryWaitsAreIdle ?? false)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 50);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.changeListeners.push(done);
      });
    }
  }

  private isIdle(retryWaitsAreIdle: boolean): boolean {
    if (this.starting.size > 0 || this.busy > 0) return false;
    // Only when every execution rests: are their due times still ahead?
    for (const e of this.live.values()) {
      const now = e.time.now();
      for (const p of e.parks) if (p.due <= now || (p.kind === 'retry' && !retryWaitsAreIdle)) return false;
    }
    return true;
  }

  /** Recounts whether an execution rests (every running task parked, none answered). */
  private touch(exec: Live): void {
    let resting = exec.inflight > 0 && exec.parks.size === exec.inflight;
    if (resting) for (const p of exec.parks) if (p.resolved) resting = false;
    if (resting !== exec.resting && this.live.get(exec.record.executionArn) === exec) {
      this.busy += resting ? -1 : 1;
      exec.resting = resting;
    }
    this.changed();
  }

  /** Wakes idle() (once per turn of the event loop, however many changes). */
  private changed(): void {
    if (!this.changeListeners.length || this.notifyScheduled) return;
    this.notifyScheduled = true;
    setImmediate(() => {
      this.notifyScheduled = false;
      const listeners = this.changeListeners;
      this.changeListeners = [];
      for (const l of listeners) l();
    });
  }

  /**
   * Stops running executions without ending them: they stay RUNNING in the store and start again
   * from the top at the next start (as after a crash). Handler calls in flight may finish first.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.starting.values()]);
    const all = [...this.live.values()];
    for (const e of all) {
      e.shutdown = true;
      e.control.abort(aborted());
      e.run?.abort();
    }
    this.tokens.clear();
    await Promise.all(all.map((e) => e.done));
    await Promise.race([Promise.allSettled([...this.invocations]), new Promise((r) => setTimeout(r, 5000).unref())]);
    await this.store.putClock(this.clock.now()).catch(() => undefined);
    this.clock.stop();
    this.integrations.destroy();
    this.changed();
  }
}

interface LibraryEvent {
  type: string;
  input?: unknown;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  parentState?: { name: string };
  index?: number;
}

/** A Wait state as a local Task: its handler sleeps on the runner's clock and returns its input. */
function waitAsTask(s: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = { 'input.$': '$' };
  if (s['Seconds'] !== undefined) params['seconds'] = s['Seconds'];
  else if (s['SecondsPath'] !== undefined) params['seconds.$'] = s['SecondsPath'];
  else if (s['Timestamp'] !== undefined) params['timestamp'] = s['Timestamp'];
  else params['timestamp.$'] = s['TimestampPath'];
  const task: Record<string, unknown> = { Type: 'Task', Resource: LOCAL_WAIT_RESOURCE, Parameters: params, TimeoutSeconds: LIBRARY_TASK_TIMEOUT_SECONDS };
  for (const k of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']) if (k in s) task[k] = s[k];
  return task;
}

function withToken(value: unknown, token: string): unknown {
  if (typeof value === 'string') return value.replaceAll(TOKEN_PLACEHOLDER, token);
  if (Array.isArray(value)) return value.map((v) => withToken(v, token));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withToken(v, token)]));
  return value;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const json = (v: unknown) => JSON.stringify(v ?? null);

function toLocal(rec: ExecutionRecord): LocalExecution {
  return {
    executionArn: rec.executionArn,
    workflow: rec.workflow,
    name: rec.name,
    status: rec.status,
    startDate: new Date(rec.startDate),
    ...(rec.stopDate !== undefined ? { stopDate: new Date(rec.stopDate) } : {}),
    ...(rec.error !== undefined ? { error: rec.error } : {}),
  };
}

/** A counting semaphore (first come, first served); a waiting acquire ends when its signal aborts. */
class Slots {
  private free: number;
  private readonly queue = new Set<() => void>();

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason;
    if (this.free > 0) this.free--;
    else {
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', cancel);
          resolve();
        };
        const cancel = () => {
          this.queue.delete(grant);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', cancel, { once: true });
        this.queue.add(grant);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.values().next();
      if (!next.done) {
        this.queue.delete(next.value);
        next.value();
      } else this.free++;
    };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
