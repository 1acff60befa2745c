import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addUsage,
  costOf,
  countHistory,
  durationCost,
  perThousand,
  splitAtFirstWait,
  summarize,
  tableUsage,
  waitDue,
  walkPath,
  type AslDefinition,
  type Usage,
} from '../../bench/cost-model.js';
import { LAMBDA_MEMORY_MB, PRICES, unitPrice, type PriceTable } from '../../bench/prices.js';
import { WORKFLOWS } from '../../infra/workflow-specs.js';
import { indexWrites, itemSize, readUnits, valueSize, writeUnits } from '../../local/dynamo-meter.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const intakeDefinition = () =>
  JSON.parse(readFileSync(resolve(ROOT, WORKFLOWS.find((w) => w.id === 'IntakeRegistration')!.definition), 'utf8')) as AslDefinition;

describe('capacity units as DynamoDB on-demand bills them', () => {
  it('writes: one WRU per started KB, at least one', () => {
    expect([0, 1, 1024, 1025, 2048, 3000].map(writeUnits)).toEqual([1, 1, 1, 2, 2, 3]);
  });

  it('reads: one RRU per started 4 KB, at least one; half for an eventually consistent read', () => {
    expect([0, 1, 4096, 4097, 12_289].map((b) => readUnits(b, true))).toEqual([1, 1, 1, 2, 4]);
    expect([0, 4096, 4097].map((b) => readUnits(b, false))).toEqual([0.5, 0.5, 1]);
  });

  it('item size: attribute names and strings in UTF-8 bytes, numbers by significant digits, 3 bytes per list or map plus 1 per element', () => {
    expect(itemSize({ PK: { S: 'abc' } })).toBe(2 + 3);
    expect(valueSize({ S: 'Straße' })).toBe(7); // ß is two bytes
    expect(valueSize({ N: '123' })).toBe(1 + 2);
    expect(valueSize({ N: '0.00120' })).toBe(1 + 1); // leading and trailing zeros trimmed: "12"
    expect(valueSize({ BOOL: true })).toBe(1);
    expect(valueSize({ NULL: true })).toBe(1);
    expect(valueSize({ B: Buffer.from('hello').toString('base64') })).toBe(5);
    expect(valueSize({ SS: ['a', 'bc'] })).toBe(3);
    expect(valueSize({ L: [{ S: 'ab' }, { N: '1' }] })).toBe(3 + (1 + 2) + (1 + 2));
    expect(valueSize({ M: { a: { S: 'x' } } })).toBe(3 + 1 + (1 + 1));
    expect(itemSize(undefined)).toBe(0);
  });
});

describe('index writes (DynamoDB rules for secondary indexes)', () => {
  const table = {
    TableName: 't',
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'ALL1',
        KeySchema: [
          { AttributeName: 'G1', KeyType: 'HASH' },
          { AttributeName: 'G1S', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      { IndexName: 'KEYS', KeySchema: [{ AttributeName: 'G2', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ],
  };
  const item = (extra: Record<string, { S: string }>) => ({ PK: { S: 'P' }, SK: { S: 'S' }, ...extra });

  it('an item entering an index is one write, leaving it one, a changed key two; an item outside costs nothing', () => {
    expect(indexWrites(table, undefined, item({ G1: { S: 'a' }, G1S: { S: '1' } }))).toEqual([{ index: 'ALL1', writes: 1, units: 1 }]);
    expect(indexWrites(table, item({ G1: { S: 'a' }, G1S: { S: '1' } }), item({}))).toEqual([{ index: 'ALL1', writes: 1, units: 1 }]);
    expect(indexWrites(table, item({ G1: { S: 'a' }, G1S: { S: '1' } }), item({ G1: { S: 'b' }, G1S: { S: '1' } }))).toEqual([{ index: 'ALL1', writes: 2, units: 2 }]);
    expect(indexWrites(table, undefined, item({ other: { S: 'x' } }))).toEqual([]);
    // G1 without its sort key G1S: not in the index.
    expect(indexWrites(table, undefined, item({ G1: { S: 'a' } }))).toEqual([]);
  });

  it('a changed projection is one write sized by the larger entry; an unchanged projection none', () => {
    const before = item({ G1: { S: 'a' }, G1S: { S: '1' }, G2: { S: 'k' }, note: { S: 'short' } });
    const after = item({ G1: { S: 'a' }, G1S: { S: '1' }, G2: { S: 'k' }, note: { S: 'x'.repeat(1500) } });
    // ALL projects `note`: one update of a 1.5 KB entry; KEYS_ONLY does not: no write.
    expect(indexWrites(table, before, after)).toEqual([{ index: 'ALL1', writes: 1, units: 2 }]);
    expect(indexWrites(table, before, before)).toEqual([]);
  });
});

describe('cost arithmetic', () => {
  const usage: Usage = { transitions: 13_000, lambdaInvocations: 7_000, mails: 4_000, dynamoRequests: 17_000, wru: 33_000, rru: 6_000 };

  it('prices each usage with its unit price and adds them up (DynamoDB requests have no price of their own)', () => {
    const c = costOf(usage);
    expect(c.transitions).toBeCloseTo(13_000 * (0.025 / 1000), 10);
    expect(c.lambdaRequests).toBeCloseTo(7_000 * (0.2 / 1e6), 10);
    expect(c.mails).toBeCloseTo(4_000 * (0.1 / 1000), 10);
    expect(c.wru).toBeCloseTo(33_000 * (0.7625 / 1e6), 10);
    expect(c.rru).toBeCloseTo(6_000 * (0.1525 / 1e6), 10);
    expect(c.total).toBeCloseTo(0.325 + 0.0014 + 0.4 + 0.0251625 + 0.000915, 10);
  });

  it('follows the price table it is given', () => {
    const doubled = Object.fromEntries(Object.entries(PRICES).map(([k, p]) => [k, { ...p, usd: p.usd * 2 }])) as unknown as PriceTable;
    expect(costOf(usage, doubled).total).toBeCloseTo(costOf(usage).total * 2, 10);
    expect(costOf({ ...usage, dynamoRequests: 1e9 }).total).toBe(costOf(usage).total);
  });

  it('scales to 1,000 intakes and adds parts', () => {
    const per = perThousand({ ...usage, transitions: 1_600 }, 200);
    expect(per.transitions).toBe(8_000);
    expect(per.mails).toBe(20_000);
    expect(addUsage(per, per).wru).toBe(2 * per.wru);
  });

  it('Lambda duration per 100 ms of average billed duration, arm64 at the functions’ memory', () => {
    expect(durationCost(7_000, 100, 512)).toBeCloseTo(7_000 * 0.1 * 0.5 * 0.0000133334, 12);
    const construct = readFileSync(resolve(ROOT, 'infra/constructs/lambda-function.ts'), 'utf8');
    expect(construct).toContain(`memorySize: ${LAMBDA_MEMORY_MB},`);
    expect(construct).toContain('Architecture.ARM_64');
  });

  it('every price names its unit, region, date and source', () => {
    for (const p of Object.values(PRICES)) {
      expect(p.region).toBe('eu-central-1');
      expect(p.recorded).toBe('2026-12-01');
      expect(p.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
      expect(p.unit.length).toBeGreaterThan(5);
      expect(unitPrice(p)).toBeGreaterThan(0);
    }
  });

  it("a table's totals from the meter include its index writes", () => {
    const op = { requests: 2, requestBytes: 10, responseBytes: 20, errors: 0, wru: 3, rru: 1, conditionalFailures: 0 };
    const snapshot = { tables: { app: { operations: { PutItem: op, GetItem: { ...op, wru: 0 } }, indexes: { GSI1: { writes: 2, wru: 4 } } } } };
    expect(tableUsage(snapshot, 'app')).toEqual({ requests: 4, wru: 3 + 4, indexWru: 4, rru: 2, requestBytes: 20, responseBytes: 40 });
    expect(tableUsage(snapshot, 'other').requests).toBe(0);
  });
});

describe('what an execution history bills', () => {
  it('each state entered is a transition, and so is each retry of a task', () => {
    const events = [
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ].map((type) => ({ type, ...(type === 'TaskScheduled' ? { taskScheduledEventDetails: { resourceType: 'lambda' } } : {}) }));
    expect(countHistory(events)).toEqual({ statesEntered: 5, retries: 1, transitions: 6, lambdaInvocations: 3 });
  });

  it('a Wait ends at its TimestampPath, Timestamp, Seconds or SecondsPath', () => {
    const def = intakeDefinition();
    const input = JSON.stringify({ followUp: { reminderDueAt: '2027-04-01T00:00:00+02:00' } });
    expect(waitDue(def.States['WaitForFirstContact'], input, 0)).toBe(Date.parse('2027-03-31T22:00:00Z'));
    expect(waitDue({ Type: 'Wait', Seconds: 60 }, '{}', 1000)).toBe(61_000);
    expect(waitDue({ Type: 'Wait', SecondsPath: '$.s' }, '{"s": 2}', 0)).toBe(2000);
    expect(waitDue({ Type: 'Wait', Timestamp: '2027-01-01T00:00:00Z' }, '{}', 0)).toBe(Date.parse('2027-01-01T00:00:00Z'));
    expect(waitDue({ Type: 'Task' }, '{}', 0)).toBeUndefined();
  });
});

describe('the intake definition alone (a change to the definition must update these counts)', () => {
  it('a new participant nobody contacts: 8 states to the first Wait, 13 to the end, 6 Lambda tasks', () => {
    const path = walkPath(intakeDefinition());
    const [toWait, rest] = splitAtFirstWait(path);
    expect(toWait.map((s) => s.name)).toEqual([
      'RegisterParticipant',
      'OwnsSubmission',
      'SendConfirmation',
      'NotifyTeam',
      'IsNewParticipant',
      'ScheduleFollowUp',
      'FollowUpOpen',
      'WaitForFirstContact',
    ]);
    expect(rest.map((s) => s.name)).toEqual(['SendReminder', 'StillWithoutContact', 'WaitForEscalation', 'EscalateFollowUp', 'Done']);
    expect(summarize(toWait)).toEqual({ states: 8, tasks: 4, lambdaTasks: 4, choices: 3, waits: 1 });
    expect(summarize(path)).toEqual({ states: 13, tasks: 6, lambdaTasks: 6, choices: 4, waits: 2 });
  });

  it('takes a named branch at a Choice, and refuses a loop', () => {
    const def = intakeDefinition();
    expect(walkPath(def, { OwnsSubmission: 'Done' }).map((s) => s.name)).toEqual(['RegisterParticipant', 'OwnsSubmission', 'Done']);
    expect(summarize(walkPath(def, { IsNewParticipant: 'Done' })).states).toBe(6); // a known person: linked, no follow-up
    const loop: AslDefinition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Choice', Default: 'A' } } };
    expect(() => walkPath(loop)).toThrow(/loops at A/);
  });
});
