import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_SPEC } from '../table-spec.js';

/**
 * The single table (key design: functions/data/keys.ts). Personal data lives here, so: a
 * customer-managed key, PITR, deletion protection, and RETAIN — the data outlives the stack.
 * The stream (NEW_IMAGE) feeds the storage-first intake trigger.
 */
export class Table extends Construct {
  readonly table: TableV2;
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: 'BIWAQ Workflows table (personal data at rest)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const str = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      // The same key schema the local cloud creates (infra/table-spec.ts).
      partitionKey: str(TABLE_SPEC.partitionKey),
      sortKey: str(TABLE_SPEC.sortKey),
      globalSecondaryIndexes: TABLE_SPEC.globalIndexes.map((g) => ({
        indexName: g.name,
        partitionKey: str(g.partitionKey),
        sortKey: str(g.sortKey),
        projectionType: ProjectionType.ALL,
      })),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      timeToLiveAttribute: TABLE_SPEC.timeToLiveAttribute,
      dynamoStream: StreamViewType.NEW_IMAGE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** The stream ARN; TableV2 always has one here because dynamoStream is set. */
  get streamArn(): string {
    const arn = this.table.tableStreamArn;
    if (!arn) throw new Error('table has no stream');
    return arn;
  }
}
