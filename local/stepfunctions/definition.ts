/**
 * Job: loading definitions — an ASL file becomes the library's definition: task ARNs filled in,
 * Wait states turned into local tasks (they sleep on the runner's clock), timeouts taken over by
 * the runner, and every Task resource resolved to what runs it locally:
 *
 * | Resource                                            | local                                        |
 * |-----------------------------------------------------|----------------------------------------------|
 * | `arn:aws:lambda:…:function:<Task>` (plain)          | the handler module of the task               |
 * | `arn:aws:states:::lambda:invoke`                    | same, result `{ ExecutedVersion, Payload, StatusCode }` |
 * | `arn:aws:states:::lambda:invoke.waitForTaskToken`   | same, then waits for SendTaskSuccess/Failure  |
 * | `arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem` | dynalite                      |
 * | `arn:aws:states:::aws-sdk:sesv2:sendEmail`          | aws-ses-v2-local                             |
 */
import '../polyfills.js';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TASKS, taskArnPlaceholder, type TaskSpec, type WorkflowSpec } from '../../infra/workflow-specs.js';
import { localFunctionArn } from '../lambda.js';
import { runtimeError, taskError } from './errors.js';
import { DYNAMODB_ACTIONS } from './integrations.js';
import { withHeartbeatTimeout, type Retrier } from './retry.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * aws-local-stepfunctions races every Task with a real-time timer (60 s unless TimeoutSeconds).
 * The runner times tasks itself (real time for Lambda and SDK calls, its clock for callbacks and
 * waits) and gives the library this instead: just below setTimeout's ceiling of 24.8 days.
 */
export const LIBRARY_TASK_TIMEOUT_SECONDS = 2_000_000;

export type TaskKind = 'lambda' | 'lambda-invoke' | 'callback' | 'dynamodb' | 'sesv2' | 'wait';

export interface ResourceInfo {
  kind: TaskKind;
  /** For history events: the resource type and the resource as Step Functions names them. */
  resourceType: string;
  resource: string;
}

/** The Task resource a Wait state becomes when the runner loads a definition (local only). */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';

export interface StateInfo {
  name: string;
  /** The type in the ASL file (a Wait runs as a local Task but is reported as a Wait). */
  type: string;
  resource?: ResourceInfo;
  /** The handler module of a plain Lambda ARN. */
  task?: TaskSpec;
  timeoutSeconds?: number;
  /** The timeout comes from the input (TimeoutSecondsPath), per execution of the state. */
  timeoutFromInput?: boolean;
  heartbeatSeconds?: number;
  retry: Retrier[];
}

/** Where a TimeoutSecondsPath value travels to the callback (removed before the function sees the payload). */
export const TIMEOUT_PARAMETER = '__localTimeoutSeconds.$';

export interface Workflow {
  id: string;
  stateMachineArn: string;
  machine: StateMachine;
  timeoutSeconds?: number;
  states: Map<string, StateInfo>;
  taskStates: string[];
  retryOverrides: Record<string, number>;
}

/** The task functions a definition may name: by task id and by local function ARN. */
export interface TaskCatalogue {
  tasks: TaskSpec[];
  byId: Map<string, TaskSpec>;
  byFunctionArn: Map<string, TaskSpec>;
}

/** Reads an ASL file and fills `${<Task>FunctionArn}` with the local ARN of each task function. */
export function loadDefinition(file: string, tasks: TaskSpec[] = TASKS): StateMachineDefinition {
  let text = readFileSync(resolve(ROOT, file), 'utf8');
  for (const task of tasks) text = text.replaceAll('${' + taskArnPlaceholder(task.id) + '}', localFunctionArn(task.id));
  return JSON.parse(text) as StateMachineDefinition;
}

export function classifyResource(resource: string): ResourceInfo | undefined {
  if (/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/.test(resource)) {
    return { kind: 'lambda', resourceType: 'lambda', resource };
  }
  const m = /^arn:aws[\w-]*:states:::(.+)$/.exec(resource);
  if (!m) return undefined;
  const what = m[1]!;
  if (what === 'lambda:invoke') return { kind: 'lambda-invoke', resourceType: 'lambda', resource: 'invoke' };
  if (what === 'lambda:invoke.waitForTaskToken') return { kind: 'callback', resourceType: 'lambda', resource: 'invoke.waitForTaskToken' };
  const ddb = /^dynamodb:(\w+)$/.exec(what);
  if (ddb && ddb[1]! in DYNAMODB_ACTIONS) return { kind: 'dynamodb', resourceType: 'dynamodb', resource: ddb[1]! };
  if (what === 'aws-sdk:sesv2:sendEmail') return { kind: 'sesv2', resourceType: 'aws-sdk:sesv2', resource: 'sendEmail' };
  if (what === 'local:wait') return { kind: 'wait', resourceType: 'local', resource: 'wait' };
  return undefined;
}

/** The task a `lambda:invoke` FunctionName names: a function ARN (with or without a version/alias) or a function name. */
export function resolveFunction(byId: Map<string, TaskSpec>, name: unknown): TaskSpec {
  if (typeof name !== 'string') throw runtimeError('lambda:invoke needs FunctionName');
  const m = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:([\w-]+)(?::[\w$-]+)?$/.exec(name);
  const id = m ? m[1]! : name;
  const task = byId.get(id);
  if (!task || (m && !name.startsWith(localFunctionArn(id)))) throw taskError('Lambda.ResourceNotFoundException', `Function not found: ${name}`);
  return task;
}

/** Loads, validates and transforms one workflow's definition for the runner. */
export function prepareWorkflow(spec: WorkflowSpec, stateMachineArn: string, catalogue: TaskCatalogue): Workflow {
  const original = loadDefinition(spec.definition, catalogue.tasks);
  // Validates as Step Functions would (asl-validator mutates its input: a copy).
  new StateMachine(structuredClone(original));
  const runnable = structuredClone(original) as StateMachineDefinition & { TimeoutSeconds?: number };
  // The execution timeout runs on the runner's clock, not on a real-time timer of the library.
  const timeoutSeconds = runnable.TimeoutSeconds;
  delete runnable.TimeoutSeconds;
  const states = new Map<string, StateInfo>();
  transform(spec.definition, runnable.States as unknown as Record<string, Record<string, unknown>>, states, catalogue);
  const taskStates = [...states.values()].filter((s) => s.resource).map((s) => s.name);
  return {
    id: spec.id,
    stateMachineArn,
    machine: new StateMachine(runnable, { validationOptions: { noValidate: true } }),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    states,
    taskStates,
    // The runner waits between retries itself (on its clock): the library retries at once.
    retryOverrides: Object.fromEntries(taskStates.map((n) => [n, 0])),
  };
}

function transform(file: string, defs: Record<string, Record<string, unknown>>, states: Map<string, StateInfo>, catalogue: TaskCatalogue): void {
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
        info.task = catalogue.byFunctionArn.get(resource);
        if (!info.task) throw new Error(`${file}: state ${name} has no local task for ${resource}`);
      }
      const params = s['Parameters'] as Record<string, unknown> | undefined;
      if ((r.kind === 'lambda-invoke' || r.kind === 'callback') && typeof params?.['FunctionName'] === 'string') {
        resolveFunction(catalogue.byId, params['FunctionName']); // fails early for an unknown function
      }
      if (s['HeartbeatSecondsPath'] !== undefined) throw new Error(`${file}: state ${name}: HeartbeatSecondsPath is not supported locally`);
      if (s['TimeoutSecondsPath'] !== undefined) {
        // A callback that waits until an absolute due time (the seconds computed by the step
        // before it). The path is resolved against the state's input, as Step Functions does,
        // by passing it through the Parameters; callbacks.ts takes it out again.
        if (r.kind !== 'callback' || !params) throw new Error(`${file}: state ${name}: TimeoutSecondsPath is supported locally on callback tasks with Parameters only`);
        params[TIMEOUT_PARAMETER] = s['TimeoutSecondsPath'];
        delete s['TimeoutSecondsPath'];
        info.timeoutFromInput = true;
      }
      if (typeof s['TimeoutSeconds'] === 'number') info.timeoutSeconds = s['TimeoutSeconds'];
      if (typeof s['HeartbeatSeconds'] === 'number') {
        info.heartbeatSeconds = s['HeartbeatSeconds'];
        for (const list of [s['Retry'], s['Catch']] as { ErrorEquals: string[] }[][]) {
          for (const r2 of list ?? []) r2.ErrorEquals = withHeartbeatTimeout(r2.ErrorEquals);
        }
      }
      s['TimeoutSeconds'] = LIBRARY_TASK_TIMEOUT_SECONDS;
      delete s['HeartbeatSeconds'];
      info.retry = (s['Retry'] as Retrier[] | undefined) ?? [];
    } else if (s['Type'] === 'Parallel') {
      for (const b of s['Branches'] as { States: Record<string, Record<string, unknown>> }[]) transform(file, b.States, states, catalogue);
    } else if (s['Type'] === 'Map') {
      const inner = (s['ItemProcessor'] ?? s['Iterator']) as { States: Record<string, Record<string, unknown>> };
      transform(file, inner.States, states, catalogue);
    }
  }
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
