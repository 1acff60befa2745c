// Types of local/dynamo-meter.mjs (plain JavaScript: the dynalite worker loads it without the
// TypeScript loader).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export declare const WRITE_UNIT_BYTES: 1024;
export declare const READ_UNIT_BYTES: 4096;

export declare function writeUnits(bytes: number): number;
export declare function readUnits(bytes: number, consistent: boolean): number;
export declare function valueSize(value: AttributeValue | Record<string, unknown>): number;
export declare function itemSize(item: Record<string, AttributeValue | Record<string, unknown>> | null | undefined): number;

export interface IndexDescription {
  IndexName: string;
  KeySchema: { AttributeName: string; KeyType: string }[];
  Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
}
export interface TableDescriptionForIndexes {
  TableName?: string;
  KeySchema?: { AttributeName: string; KeyType: string }[];
  GlobalSecondaryIndexes?: IndexDescription[];
  LocalSecondaryIndexes?: IndexDescription[];
}
export declare function indexWrites(
  table: TableDescriptionForIndexes,
  before: Record<string, AttributeValue> | null | undefined,
  after: Record<string, AttributeValue> | null | undefined,
): { index: string; writes: number; units: number }[];

/** One operation on one table, as the meter counted it. */
export interface MeteredOperation {
  requests: number;
  requestBytes: number;
  responseBytes: number;
  /** Requests answered with an error (a failed condition included). */
  errors: number;
  /** Estimated write request units (the table's own; index writes are under `indexes`). */
  wru: number;
  /** Estimated read request units. */
  rru: number;
  /** Conditional writes whose condition failed (billed as writes all the same). */
  conditionalFailures: number;
}

export interface MeteredTable {
  operations: Record<string, MeteredOperation>;
  /** Writes to secondary indexes and their estimated WRU, per index. */
  indexes: Record<string, { writes: number; wru: number }>;
}

export interface MeterSnapshot {
  tables: Record<string, MeteredTable>;
}

export interface Meter {
  request(table: string, operation: string, requestBytes: number, responseBytes: number, ok: boolean): void;
  write(table: string, operation: string, units: number, failedCondition?: boolean): void;
  read(table: string, operation: string, units: number): void;
  index(table: string, index: string, writes: number, units: number): void;
  reset(): void;
  snapshot(): MeterSnapshot;
}

export declare function createMeter(): Meter;
export declare function installCapacityHooks(db: Record<string, unknown>, meter: Meter): void;
export declare function tablesOf(body: unknown): string[];
