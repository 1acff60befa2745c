import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Agent, request } from 'node:http';
import { DATA_NOTICE_VERSION } from '../schemas/intake.js';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Runs `total` calls of `fn` with `concurrency` in flight; latencies in milliseconds. */
export async function load(total: number, concurrency: number, fn: (i: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        const ok = await fn(i).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { requests: total, rps: total / seconds, p50: pct(0.5), p99: pct(0.99), errors };
}

/** An intake body for person number i (each one a new person, as in real traffic). */
export function intakeBody(run: string, i: number): string {
  return JSON.stringify({
    lang: 'de',
    site: i % 2 ? 'marxloh' : 'hochfeld',
    person: {
      firstName: 'Bench',
      lastName: `Person ${run} ${i}`,
      dateOfBirth: '1985-03-14',
      gender: 'female',
      address: { street: 'Weseler Straße 12', postcode: '47169', city: 'Duisburg' },
    },
    contact: { email: `bench-${run}-${i}@example.org`, phone: '0203 987654' },
    employment: { status: 'long_term_unemployed' },
    education: { level: 'isced_3_4' },
    help: ['counselling', 'job_search'],
    consent: { noticeVersion: DATA_NOTICE_VERSION, accepted: true },
  });
}

export function intakeClient(apiUrl: string, concurrency: number) {
  const url = new URL(`${apiUrl}/api/intake`);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  return (body: string, key: string) =>
    new Promise<boolean>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': key },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 202));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** The baseline: the same SDK putting an item of the submission's size with the same condition. */
export function rawPutClient(endpoint: string, tableName: string) {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const payload = intakeBody('raw', 0);
  return (key: string) =>
    client
      .send(
        new PutItemCommand({
          TableName: tableName,
          Item: { PK: { S: `BENCH#${key}` }, SK: { S: 'BENCH' }, payload: { S: payload }, receivedAt: { S: new Date().toISOString() } },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      )
      .then(() => true);
}
