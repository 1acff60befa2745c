/**
 * Job: the shared state of one runner — what its parts (execution, tasks, callbacks, history,
 * activity) read and change: the live executions, their parks and waiters, the slots, the store.
 */
import type { StateMachine } from 'aws-local-stepfunctions';
import type { TaskSpec } from '../../infra/workflow-specs.js';
import type { Clock, Timeline } from '../clock.js';
import type { StateInfo, Workflow } from './definition.js';
import type { ServiceIntegrations } from './integrations.js';
import type { Slots } from './slots.js';
import type { ExecutionRecord, ExecutionStatus, SfnStore, StoredEvent } from './store.js';

const ACCOUNT = '000000000000';

export interface LocalExecution {
  executionArn: string;
  workflow: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  error?: string;
}

/** A task waiting on the clock: a Wait, a callback (until answered or due) or a retry interval. */
export interface Park {
  kind: 'wait' | 'callback' | 'retry';
  due: number;
  resolved: boolean;
}

type RunHandle = ReturnType<StateMachine['run']>;

/** An execution this process runs. */
export interface Live {
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

/** A callback task waiting for SendTaskSuccess/Failure (registered under its token's hash). */
export interface Waiter {
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

export interface RunnerContext {
  readonly store: SfnStore;
  readonly clock: Clock;
  readonly region: string;
  readonly log: (message: string) => void;
  /** Multiplies every retry interval. */
  readonly retryIntervalScale: number;
  /** Task functions by id (what `lambda:invoke` may name). */
  readonly tasks: Map<string, TaskSpec>;
  readonly workflows: Map<string, Workflow>;
  readonly byArn: Map<string, Workflow>;
  readonly integrations: ServiceIntegrations;
  readonly live: Map<string, Live>;
  readonly starting: Map<string, Promise<ExecutionRecord & { created: boolean }>>;
  /** Executions started or resumed by this process. */
  readonly known: Map<string, ExecutionRecord>;
  /** Callback tasks waiting, by token hash. */
  readonly tokens: Map<string, Waiter>;
  /** Handler invocations in flight, so stop() lets them finish before the services go. */
  readonly invocations: Set<Promise<unknown>>;
  /** Task invocations (Lambda handlers, SDK calls) running at once. */
  readonly taskSlots: Slots;
  /** Executions with work to do at once. */
  readonly executionSlots: Slots;
  /** Store writes of starts and history, bounded so a burst does not flood dynalite. */
  readonly writeSlots: Slots;
  /** Called first by idle(): lets whatever starts executions catch up (the local change feed). */
  readonly catchUp: () => Promise<void>;
  changeListeners: (() => void)[];
  notifyScheduled: boolean;
  /** Live executions that are not resting (idle() is O(1) while any is busy). */
  busy: number;
  stopped: boolean;
}

export const stateMachineArn = (region: string, workflow: string) => `arn:aws:states:${region}:${ACCOUNT}:stateMachine:${workflow}`;
export const executionArn = (region: string, workflow: string, name: string) => `arn:aws:states:${region}:${ACCOUNT}:execution:${workflow}:${name}`;
export const roleArn = () => `arn:aws:iam::${ACCOUNT}:role/local-stepfunctions`;

export function toLocal(rec: ExecutionRecord): LocalExecution {
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
