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
  private readonly executions = new Map<string, LocalExecution & { abort: () => void; done: Promise<void> }>();
  private readonly region = process.env['AWS_REGION'] ?? 'eu-central-1';

  constructor() {
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

    const run = wf.machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: wf.handlers as never },
      context: { Execution: { Id: executionArn, Name: name, StartTime: new Date().toISOString(), Input: input as never } },
    });
    const execution: LocalExecution & { abort: () => void; done: Promise<void> } = {
      executionArn,
      workflow,
      name,
      status: 'RUNNING',
      startDate: new Date(),
      abort: run.abort,
      done: run.result.then(
        () => {
          execution.status = 'SUCCEEDED';
          execution.stopDate = new Date();
        },
        (err: Error) => {
          execution.status = err.name === 'ExecutionAbortedError' ? 'ABORTED' : err.name === 'ExecutionTimeoutError' ? 'TIMED_OUT' : 'FAILED';
          execution.error = err.message;
          execution.stopDate = new Date();
          if (execution.status === 'FAILED') console.error(`workflow ${workflow} execution ${name} failed: ${err.message}`);
        },
      ),
    };
    this.executions.set(executionArn, execution);
    return execution;
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
