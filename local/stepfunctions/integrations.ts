/**
 * Job: the direct service integrations — DynamoDB (putItem, getItem, updateItem, deleteItem) and
 * SES v2 (sendEmail), called through the SDK against the local services as Step Functions calls
 * the real ones, with errors named as Step Functions names them.
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { ResourceInfo } from './definition.js';
import { taskError } from './errors.js';

export const DYNAMODB_ACTIONS = {
  putItem: PutItemCommand,
  getItem: GetItemCommand,
  updateItem: UpdateItemCommand,
  deleteItem: DeleteItemCommand,
} as const;

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
