import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * The Task resources the local runner understands, and the direct service integrations it calls
 * through the SDK against the local services (as Step Functions calls the real ones):
 *
 * | Resource                                            | local                                        |
 * |-----------------------------------------------------|----------------------------------------------|
 * | `arn:aws:lambda:…:function:<Task>` (plain)          | the handler module of the task               |
 * | `arn:aws:states:::lambda:invoke`                    | same, result `{ ExecutedVersion, Payload, StatusCode }` |
 * | `arn:aws:states:::lambda:invoke.waitForTaskToken`   | same, then waits for SendTaskSuccess/Failure  |
 * | `arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem` | dynalite                      |
 * | `arn:aws:states:::aws-sdk:sesv2:sendEmail`          | aws-ses-v2-local                             |
 */

export type TaskKind = 'lambda' | 'lambda-invoke' | 'callback' | 'dynamodb' | 'sesv2' | 'wait';

export interface ResourceInfo {
  kind: TaskKind;
  /** For history events: the resource type and the resource as Step Functions names them. */
  resourceType: string;
  resource: string;
}

/** The Task resource a Wait state becomes when the runner loads a definition (local only). */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';

const DYNAMODB_ACTIONS = {
  putItem: PutItemCommand,
  getItem: GetItemCommand,
  updateItem: UpdateItemCommand,
  deleteItem: DeleteItemCommand,
} as const;

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

/** An error as a Task state reports it: `name` is what Retry and Catch match, `message` the cause. */
export function taskError(name: string, cause: string): Error {
  const err = new Error(cause);
  err.name = name;
  return err;
}

export class ServiceIntegrations {
  private ses: SESv2Client | undefined;

  constructor(private readonly dynamo: DynamoDBClient) {}

  async call(info: ResourceInfo, params: unknown): Promise<unknown> {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw taskError('States.Runtime', `${info.resourceType}:${info.resource} needs Parameters as an object`);
    }
    if (info.kind === 'dynamodb') {
      const Command = DYNAMODB_ACTIONS[info.resource as keyof typeof DYNAMODB_ACTIONS] as unknown as new (input: unknown) => PutItemCommand;
      return withoutMetadata(await this.dynamo.send(new Command(params)).catch(serviceError('DynamoDB')));
    }
    if (info.kind === 'sesv2') {
      // The SDK reads AWS_ENDPOINT_URL_SESV2, which the local cloud points at aws-ses-v2-local.
      this.ses ??= new SESv2Client({});
      return withoutMetadata(await this.ses.send(new SendEmailCommand(params as never)).catch(serviceError('SesV2')));
    }
    throw taskError('States.Runtime', `no service integration for ${info.resourceType}:${info.resource}`);
  }

  destroy(): void {
    this.ses?.destroy();
  }
}

function withoutMetadata(out: object): unknown {
  const { $metadata: _m, ...rest } = out as Record<string, unknown>;
  return rest;
}

/** Step Functions names service errors `<Service>.<Exception>` (e.g. DynamoDB.ConditionalCheckFailedException). */
function serviceError(service: string) {
  return (err: Error): never => {
    throw taskError(`${service}.${err.name}`, err.message);
  };
}
