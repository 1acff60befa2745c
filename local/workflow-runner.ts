import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TASKS, taskArnPlaceholder, WORKFLOWS, type TaskSpec } from '../infra/workflow-specs.js';
import { invoke, localFunctionArn } from './lambda.js';

const ROOT = resolve(import.meta.dirname, '..');

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface LocalExecution {
  executionArn: string;
  workflow: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  error?: string;
}

type TrackedExecution = LocalExecution & { abort: () => void; done: Promise<void> };

/** Reads an ASL file and fills `${<Task>FunctionArn}` with the local ARN of each task function. */
export function loadDefinition(file: string): StateMachineDefinition {
  let text = readFileSync(resolve(ROOT, file), 'utf8');
  for (const task of TASKS) text = text.replaceAll('${' + taskArnPlaceholder(task.id) + '}', localFunctionArn(task.id));
  return JSON.parse(text) as StateMachineDefinition;
}

/**
 * Runs the ASL files of infra/workflows with aws-local-stepfunctions. Task states resolve to the
 * real handler modules through their (local) Lambda ARNs; retries follow each state's Retry policy.
 */
export class WorkflowRunner {
  private readonly machines = new Map<string, { machine: StateMachine; handlers: Record<string, (input: unknown) => Promise<unknown>> }>();
  private readonly executions = new Map<string, TrackedExecution>();
  private readonly region = process.env['AWS_REGION'] ?? 'eu-central-1';
  private readonly waiting: (() => void)[] = [];
  private active = 0;

  constructor(private readonly maxConcurrent = 16) {
    const byArn = new Map<string, TaskSpec>(TASKS.map((t) => [localFunctionArn(t.id), t]));
    for (const wf of WORKFLOWS) {
      const definition = loadDefinition(wf.definition);
      const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
      for (const [stateName, state] of Object.entries(definition.States)) {
        if (state.Type !== 'Task') continue;
        const task = byArn.get(state.Resource);
        if (!task) throw new Error(`${wf.definition}: state ${stateName} has no local task for ${state.Resource}`);
        handlers[stateName] = (input) => invoke(task.entry, task.id, input);
      }
      this.machines.set(wf.id, { machine: new StateMachine(definition), handlers });
    }
  }

  stateMachineArn(workflow: string): string {
    return `arn:aws:states:${this.region}:000000000000:stateMachine:${workflow}`;
  }

  /** Starts an execution in the background. A running execution with the same name is not started twice. */
  start(workflow: string, input: unknown, name: string = randomUUID()): LocalExecution {
    const wf = this.machines.get(workflow);
    if (!wf) throw new Error(`unknown workflow ${workflow}`);
    const executionArn = `arn:aws:states:${this.region}:000000000000:execution:${workflow}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing?.status === 'RUNNING') return existing;

    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    const execution: TrackedExecution = {
      executionArn,
      workflow,
      name,
      status: 'RUNNING',
      startDate: new Date(),
      abort: () => {
        execution.status = 'ABORTED';
        execution.stopDate = new Date();
        resolveDone();
      },
      done,
    };
    this.executions.set(executionArn, execution);

    const launch = () => {
      if (execution.status !== 'RUNNING') return this.release();
      const run = wf.machine.run(input as never, {
        overrides: { taskResourceLocalHandlers: wf.handlers as never },
        context: { Execution: { Id: executionArn, Name: name, StartTime: execution.startDate.toISOString(), Input: input as never } },
      });
      execution.abort = run.abort;
      run.result.then(
        () => {
          execution.status = 'SUCCEEDED';
        },
        (err: Error) => {
          execution.status = err.name === 'ExecutionAbortedError' ? 'ABORTED' : err.name === 'ExecutionTimeoutError' ? 'TIMED_OUT' : 'FAILED';
          execution.error = err.message;
          if (execution.status === 'FAILED') console.error(`workflow ${workflow} execution ${name} failed: ${err.message}`);
        },
      ).finally(() => {
        execution.stopDate = new Date();
        resolveDone();
        this.release();
      });
    };
    // Executions beyond the limit wait their turn: one process runs them all, unlike AWS.
    if (this.active < this.maxConcurrent) {
      this.active++;
      launch();
    } else this.waiting.push(launch);
    return execution;
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  list(): LocalExecution[] {
    return [...this.executions.values()].map(({ abort: _a, done: _d, ...e }) => e);
  }

  /** Resolves when no execution is running (tests and the bench wait on this). */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
      if (running.length === 0) return;
      await Promise.all(running.map((e) => e.done));
    }
  }

  async stop(): Promise<void> {
    const running = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
    for (const e of running) e.abort();
    await Promise.all(running.map((e) => e.done));
  }
}
