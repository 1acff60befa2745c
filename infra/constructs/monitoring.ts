import { Aws } from 'aws-cdk-lib';
import type { Alarm, IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { alarmOnAny, FIVE_MINUTES } from './alarm.js';
import type { Api } from './api.js';
import type { HandlerFunction } from './lambda-function.js';

export interface MonitoringProps {
  /** Subscribed to the alarm topic by e-mail (confirmation mail from SNS). */
  alarmEmail?: string;
}

/** Alarms for the API and every function, all notifying one encrypted SNS topic. */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: IAlarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps = {}) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', { description: 'BIWAQ Workflows alarm topic', enableKeyRotation: true });
    // CloudWatch alarms of this account publish to the encrypted topic with their service principal.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, `*` is this key
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);
  }

  /** Sends these alarms (created by other constructs) to the topic. */
  notify(...alarms: Alarm[]): void {
    for (const alarm of alarms) {
      alarm.addAlarmAction(this.action);
      this.alarms.push(alarm);
    }
  }

  /** 5xx from the API: a handler crashed or timed out (bad input is a 4xx by convention). */
  watchApi(api: Api): void {
    this.notify(
      alarmOnAny(this, 'Api5xxAlarm', 'The HTTP API answered with 5xx', api.stage.metricServerError({ ...FIVE_MINUTES, statistic: 'Sum' })),
    );
  }

  watchFunctions(functions: Record<string, HandlerFunction>): void {
    for (const [id, fn] of Object.entries(functions)) {
      this.notify(
        alarmOnAny(this, `${id}ErrorsAlarm`, `${id}: the function threw or timed out`, fn.function.metricErrors({ ...FIVE_MINUTES, statistic: 'Sum' })),
      );
    }
  }
}
