/**
 * The table's key schema, shared by the CDK table construct and the local cloud, so both clouds
 * create the same table. Access patterns are documented in functions/data/table.ts.
 */
export const TABLE_SPEC = {
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiresAt',
  globalIndexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
} as const;
