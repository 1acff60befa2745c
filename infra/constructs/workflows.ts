import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Alarm, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { alarmOnAny, FIVE_MINUTES } from './alarm.js';
import { TASKS, WORKFLOWS, taskArnPlaceholder, workflowGrantsOf, type WorkflowSpec } from '../workflow-specs.js';
import { HandlerFunction, REPO_ROOT } from './lambda-function.js';
import type { Mail } from './mail.js';
import { acknowledgeWildcardResource } from './nag.js';
import { DailySchedule } from './daily-schedule.js';
import { StreamTrigger } from './stream-trigger.js';
import type { Table } from './table.js';

export interface WorkflowsProps {
  table: Table;
  mail: Mail;
  environment: Record<string, string>;
}

/**
 * The workflow task functions, one Standard state machine per WORKFLOWS entry (from its ASL
 * file), and each entry's trigger (a table stream pipe for storage-first workflows, an EventBridge
 * Scheduler schedule for the nightly ones).
 */
export class Workflows extends Construct {
  readonly tasks: Record<string, HandlerFunction> = {};
  readonly stateMachines: Record<string, StateMachine> = {};
  readonly triggers: Record<string, StreamTrigger> = {};
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const taskScope = new Construct(this, 'Tasks');
    // A task may act on other state machines (the retention sweep stops the ones it erases for), so
    // tasks and machines are created in dependency order: a machine once its tasks exist, a task once
    // the machines it acts on exist. A task acting on its own machine would be a cycle.
    const tasksLeft = [...TASKS];
    const workflowsLeft = [...WORKFLOWS];
    while (tasksLeft.length || workflowsLeft.length) {
      const before = tasksLeft.length + workflowsLeft.length;
      for (const task of [...tasksLeft]) {
        const grants = workflowGrantsOf(task.id);
        if (grants.some((g) => WORKFLOWS.find((w) => w.id === g.workflow)?.tasks.includes(task.id))) {
          throw new Error(`${task.id}: a workflow task cannot act on its own state machine`);
        }
        if (!grants.every((g) => this.stateMachines[g.workflow])) continue;
        this.tasks[task.id] = new HandlerFunction(taskScope, task.id, {
          entry: task.entry,
          access: task.access,
          workflows: grants.map((g) => ({ id: g.workflow, stateMachine: this.stateMachines[g.workflow]!, actions: g.actions })),
          environment: props.environment,
          resources: { table: props.table, mail: props.mail },
          timeout: Duration.seconds(25), // below the ASL TimeoutSeconds (30) of every task state
        });
        tasksLeft.splice(tasksLeft.indexOf(task), 1);
      }
      for (const spec of [...workflowsLeft]) {
        if (!spec.tasks.every((t) => this.tasks[t])) continue;
        const wf = new Workflow(this, spec.id, { spec, tasks: this.tasks });
        this.stateMachines[spec.id] = wf.stateMachine;
        this.alarms.push(...wf.alarms);
        workflowsLeft.splice(workflowsLeft.indexOf(spec), 1);
      }
      if (tasksLeft.length + workflowsLeft.length === before) throw new Error(`workflow tasks and state machines depend on each other: ${[...tasksLeft.map((t) => t.id), ...workflowsLeft.map((w) => w.id)].join(', ')}`);
    }

    for (const spec of WORKFLOWS) {
      if (spec.trigger?.kind !== 'table-stream') continue;
      const trigger = new StreamTrigger(this, `${spec.id}Trigger`, {
        table: props.table,
        stateMachine: this.stateMachines[spec.id]!,
        filterPattern: spec.trigger.filterPattern,
        inputTemplate: spec.trigger.inputTemplate,
      });
      this.triggers[spec.id] = trigger;
      this.alarms.push(...trigger.alarms);
    }
    for (const spec of WORKFLOWS) {
      if (spec.trigger?.kind !== 'daily') continue;
      new DailySchedule(this, `${spec.id}Schedule`, { stateMachine: this.stateMachines[spec.id]!, trigger: spec.trigger });
    }
  }
}

interface WorkflowProps {
  spec: WorkflowSpec;
  tasks: Record<string, HandlerFunction>;
}

/** One state machine: its ASL file with task ARNs substituted, a role that invokes only its tasks. */
class Workflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, { spec, tasks }: WorkflowProps) {
    super(scope, id);
    const asl = readFileSync(join(REPO_ROOT, spec.definition), 'utf8');
    JSON.parse(asl); // a broken file fails synth, not the deployment

    const substitutions: Record<string, string> = {};
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('states.amazonaws.com') });
    for (const taskId of spec.tasks) {
      const task = tasks[taskId];
      if (!task) throw new Error(`${spec.id}: unknown task ${taskId}`);
      substitutions[taskArnPlaceholder(taskId)] = task.function.functionArn;
      // The unqualified ARN only (the ASL invokes $LATEST): no `:*` version wildcard.
      role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [task.function.functionArn] }));
    }
    const unknown = [...asl.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1] ?? '').filter((p) => !(p in substitutions));
    if (unknown.length) throw new Error(`${spec.definition}: no task for placeholder(s) ${unknown.join(', ')}`);

    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(asl),
      definitionSubstitutions: substitutions,
      role,
      tracingEnabled: true,
      // Every event, but without inputs/outputs: the execution history already keeps those.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    acknowledgeWildcardResource(
      this,
      '*',
      'Step Functions log delivery (logs:CreateLogDelivery, …) and X-Ray (xray:PutTraceSegments, …) support only Resource "*".',
    );

    const alarm = (name: string, metric: Metric, what: string) => alarmOnAny(this, name, `${spec.id}: ${what}`, metric);
    this.alarms = [
      alarm('FailedAlarm', this.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }), 'an execution failed'),
      alarm('TimedOutAlarm', this.stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: 'Sum' }), 'an execution timed out'),
    ];
  }
}
