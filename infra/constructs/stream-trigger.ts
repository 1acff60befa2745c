import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { alarmOnAny, FIVE_MINUTES } from './alarm.js';
import { acknowledge } from './nag.js';
import type { Table } from './table.js';

export interface StreamTriggerProps {
  table: Table;
  stateMachine: StateMachine;
  /** EventBridge filter pattern on the stream record (INTAKE_TRIGGER.filterPattern). */
  filterPattern: object;
  /** Pipes input template: what crosses into the execution (ids only). */
  inputTemplate: string;
}

/**
 * Storage-first trigger: an EventBridge Pipe from the table stream starts a workflow for each
 * matching record. Records the pipe cannot deliver land in an encrypted DLQ, which alarms.
 */
export class StreamTrigger extends Construct {
  readonly pipe: CfnPipe;
  readonly deadLetterQueue: Queue;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: StreamTriggerProps) {
    super(scope, id);
    const { table, stateMachine } = props;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.deadLetterQueue, 'SQS3', 'This queue is itself the dead-letter queue of the pipe; messages wait here for an operator.');

    // Errors only, no execution data: the stream's NEW_IMAGE holds personal data.
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });

    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('pipes.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } }, // confused-deputy guard
      }),
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
        resources: [table.streamArn],
      }),
    );
    table.key.grantDecrypt(role); // stream records are encrypted with the table's key
    stateMachine.grants.startExecution(role);
    this.deadLetterQueue.grantSendMessages(role);
    logGroup.grantWrite(role);

    this.pipe = new CfnPipe(this, 'Pipe', {
      roleArn: role.roleArn,
      description: 'Starts a workflow for each matching record of the table stream',
      source: table.streamArn,
      sourceParameters: {
        dynamoDbStreamParameters: {
          startingPosition: 'LATEST',
          batchSize: 1,
          maximumRetryAttempts: 10,
          deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        },
        filterCriteria: { filters: [{ pattern: JSON.stringify(props.filterPattern) }] },
      },
      target: stateMachine.stateMachineArn,
      targetParameters: {
        stepFunctionStateMachineParameters: { invocationType: 'FIRE_AND_FORGET' },
        inputTemplate: props.inputTemplate,
      },
      logConfiguration: { level: 'ERROR', cloudwatchLogsLogDestination: { logGroupArn: logGroup.logGroupArn } },
    });
    // The pipe validates its role on creation: the policy must exist first.
    this.pipe.node.addDependency(role);

    this.alarms = [
      alarmOnAny(
        this,
        'DeadLetterAlarm',
        'A table stream record could not start its workflow (see the pipe DLQ)',
        this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ ...FIVE_MINUTES, statistic: 'Maximum' }),
      ),
    ];
  }
}
