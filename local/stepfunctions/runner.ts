/**
 * Job: the facade of the local Step Functions — WorkflowRunner, the one object the local cloud,
 * the Step Functions API and tests use; it builds the shared state and hands each call to the part
 * that does it.
 */
import '../polyfills.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { TASKS, WORKFLOWS, type TaskSpec, type WorkflowSpec } from '../../infra/workflow-specs.js';
import { Clock } from '../clock.js';
import { localFunctionArn } from '../lambda.js';
import { changed, idle } from './activity.js';
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from './callbacks.js';
import { executionArn, stateMachineArn, toLocal, type LocalExecution, type RunnerContext } from './context.js';
import { prepareWorkflow } from './definition.js';
import { aborted } from './errors.js';
import { begin, machineFor, recordFor, resume, startExecution, stopExecution } from './execution.js';
import { flush } from './history.js';
import { ServiceIntegrations } from './integrations.js';
import { Slots } from './slots.js';
import type { ExecutionRecord, ExecutionStatus, SfnStore, StoredEvent } from './store.js';

export type { LocalExecution } from './context.js';
export { loadDefinition } from './definition.js';
export { SfnError } from './errors.js';
export type { ExecutionStatus } from './store.js';

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
  private readonly ctx: RunnerContext;

  constructor(opts: WorkflowRunnerOptions) {
    this.clock = opts.clock ?? new Clock();
    const tasks = [...(opts.tasks ?? TASKS), ...(opts.extraTasks ?? [])];
    this.ctx = {
      store: opts.store,
      clock: this.clock,
      region: process.env['AWS_REGION'] ?? 'eu-central-1',
      log: opts.log ?? ((m) => console.error(m)),
      retryIntervalScale: opts.retryIntervalScale ?? 1,
      tasks: new Map(tasks.map((t) => [t.id, t])),
      workflows: new Map(),
      byArn: new Map(),
      integrations: new ServiceIntegrations(opts.dynamo),
      live: new Map(),
      starting: new Map(),
      known: new Map(),
      tokens: new Map(),
      invocations: new Set(),
      taskSlots: new Slots(opts.maxConcurrentTasks ?? 16),
      executionSlots: new Slots(opts.maxConcurrentExecutions ?? 16),
      writeSlots: new Slots(8),
      catchUp: opts.settle ?? (() => Promise.resolve()),
      changeListeners: [],
      notifyScheduled: false,
      busy: 0,
      stopped: false,
    };
    const catalogue = { tasks, byId: this.ctx.tasks, byFunctionArn: new Map(tasks.map((t) => [localFunctionArn(t.id), t])) };
    for (const spec of [...(opts.workflows ?? WORKFLOWS), ...(opts.extraWorkflows ?? [])]) {
      const wf = prepareWorkflow(spec, this.stateMachineArn(spec.id), catalogue);
      this.ctx.workflows.set(wf.id, wf);
      this.ctx.byArn.set(wf.stateMachineArn, wf);
    }
  }

  stateMachineArn(workflow: string): string {
    return stateMachineArn(this.ctx.region, workflow);
  }

  executionArn(workflow: string, name: string): string {
    return executionArn(this.ctx.region, workflow, name);
  }

  get isStopped(): boolean {
    return this.ctx.stopped;
  }

  // ---------------------------------------------------------------- starting and resuming

  /**
   * Starts an execution in the background (resolves once it is recorded). An execution name is
   * unique per state machine: a second start with the same name returns the existing execution,
   * whatever its status, and starts nothing (`created: false`).
   */
  async start(workflow: string, input: unknown, name: string = randomUUID()): Promise<LocalExecution & { created: boolean }> {
    const wf = this.ctx.workflows.get(workflow);
    if (!wf) throw new Error(`unknown workflow ${workflow}`);
    const rec = await begin(this.ctx, wf, name, JSON.stringify(input ?? {}), true);
    return { ...toLocal(rec), created: rec.created };
  }

  /** StartExecution: same name and input as a running execution → that one; otherwise ExecutionAlreadyExists. */
  startExecution(stateMachineArn: string, name: string | undefined, input: string | undefined): Promise<ExecutionRecord> {
    return startExecution(this.ctx, stateMachineArn, name, input);
  }

  /**
   * After a restart: every execution still RUNNING starts again from the top, same ARN and input
   * (every step is idempotent). Returns how many.
   */
  resume(): Promise<number> {
    return resume(this.ctx);
  }

  // ---------------------------------------------------------------- task tokens

  sendTaskSuccess(token: string, output: string): Promise<void> {
    return sendTaskSuccess(this.ctx, token, output);
  }

  sendTaskFailure(token: string, error: string | undefined, cause: string | undefined): Promise<void> {
    return sendTaskFailure(this.ctx, token, error, cause);
  }

  sendTaskHeartbeat(token: string): Promise<void> {
    return sendTaskHeartbeat(this.ctx, token);
  }

  // ---------------------------------------------------------------- the Step Functions API

  async describeExecution(executionArn: string): Promise<ExecutionRecord> {
    return { ...(await recordFor(this.ctx, executionArn)) };
  }

  async listExecutions(
    stateMachineArn: string,
    opts: { status?: ExecutionStatus; limit: number; next?: Record<string, unknown> },
  ): Promise<{ executions: ExecutionRecord[]; next?: Record<string, unknown> }> {
    machineFor(this.ctx, stateMachineArn);
    const page = await this.ctx.store.listExecutions(stateMachineArn, opts);
    // A running execution's status changes in memory first.
    return { ...page, executions: page.executions.map((e) => this.ctx.live.get(e.executionArn)?.record ?? e) };
  }

  async getExecutionHistory(executionArn: string, opts: { reverse: boolean; limit: number; after?: number }): Promise<{ events: StoredEvent[]; more: boolean }> {
    await recordFor(this.ctx, executionArn);
    const exec = this.ctx.live.get(executionArn);
    if (exec) await flush(this.ctx, exec);
    return this.ctx.store.history(executionArn, opts);
  }

  /** StopExecution: ends a running execution as ABORTED; an execution that has ended stays as it is. */
  stopExecution(executionArn: string, error?: string, cause?: string): Promise<ExecutionRecord> {
    return stopExecution(this.ctx, executionArn, error, cause);
  }

  // ---------------------------------------------------------------- tests, tools, shutdown

  /** Executions started or resumed by this process. */
  list(): LocalExecution[] {
    return [...this.ctx.known.values()].map(toLocal);
  }

  /** Resolves when the execution ends (undefined if this process does not run it). */
  async whenDone(executionArn: string): Promise<LocalExecution | undefined> {
    const exec = this.ctx.live.get(executionArn);
    if (exec) await exec.done;
    const rec = this.ctx.known.get(executionArn);
    return rec ? toLocal(rec) : undefined;
  }

  /**
   * Resolves when no execution has work to do now: each has ended or is parked in a Wait or a
   * callback task whose due time lies ahead on the clock. Waits for retries (they end by
   * themselves) unless `retryWaitsAreIdle` — then a test can move the clock through them.
   */
  idle(opts: { retryWaitsAreIdle?: boolean } = {}): Promise<void> {
    return idle(this.ctx, opts);
  }

  /**
   * Stops running executions without ending them: they stay RUNNING in the store and start again
   * from the top at the next start (as after a crash). Handler calls in flight may finish first.
   */
  async stop(): Promise<void> {
    const ctx = this.ctx;
    ctx.stopped = true;
    await Promise.allSettled([...ctx.starting.values()]);
    const all = [...ctx.live.values()];
    for (const e of all) {
      e.shutdown = true;
      e.control.abort(aborted());
      e.run?.abort();
    }
    ctx.tokens.clear();
    await Promise.all(all.map((e) => e.done));
    await Promise.race([Promise.allSettled([...ctx.invocations]), new Promise((r) => setTimeout(r, 5000).unref())]);
    await ctx.store.putClock(this.clock.now()).catch(() => undefined);
    this.clock.stop();
    ctx.integrations.destroy();
    changed(ctx);
  }
}
