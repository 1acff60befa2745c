import { INDEXES, TABLE_KEYS } from '../functions/data/keys.js';

/**
 * The table's key schema, shared by the CDK table construct and the local cloud, so both clouds
 * create the same table. Keys and access patterns: functions/data/keys.ts.
 */
export const TABLE_SPEC = {
  partitionKey: TABLE_KEYS.partitionKey,
  sortKey: TABLE_KEYS.sortKey,
  timeToLiveAttribute: TABLE_KEYS.timeToLive,
  globalIndexes: Object.values(INDEXES).map((i) => ({ name: i.name, partitionKey: i.partitionKey, sortKey: i.sortKey })),
} as const;
