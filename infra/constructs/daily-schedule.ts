import { Aws } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { cronOf, type DailyScheduleTrigger } from '../workflow-specs.js';

export interface DailyScheduleProps {
  stateMachine: StateMachine;
  trigger: DailyScheduleTrigger;
}

/**
 * A nightly start of a state machine: EventBridge Scheduler, a cron in the registry's time zone
 * (so 02:30 stays 02:30 Berlin across daylight saving), with a role that may start this one state
 * machine and nothing else. Missed starts are retried by the Scheduler; the workflow is idempotent.
 */
export class DailySchedule extends Construct {
  readonly schedule: CfnSchedule;

  constructor(scope: Construct, id: string, { stateMachine, trigger }: DailyScheduleProps) {
    super(scope, id);
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } }, // confused-deputy guard
      }),
    });
    stateMachine.grants.startExecution(role);
    this.schedule = new CfnSchedule(this, 'Schedule', {
      description: `Starts ${stateMachine.node.path} once a day at ${trigger.at} ${trigger.timezone}`,
      scheduleExpression: cronOf(trigger),
      scheduleExpressionTimezone: trigger.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: stateMachine.stateMachineArn,
        roleArn: role.roleArn,
        input: JSON.stringify(trigger.input),
        retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 6 * 3600 },
      },
    });
  }
}
