import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../local/cloud.js';
import { readInbox } from '../../local/mail.js';
import { ephemeralSettings, type LocalSettings } from '../../local/settings.js';

export { readInbox };

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'biwaq-test-'));
}

export function startCloud(overrides: Partial<LocalSettings> = {}): Promise<LocalCloud> {
  return startLocalCloud(ephemeralSettings(overrides));
}

/** The ports a cloud got, to start it again on the same ones (handlers keep their endpoints). */
export function portsOf(cloud: LocalCloud): Partial<LocalSettings> {
  const port = (url: string) => Number(new URL(url).port);
  return { port: port(cloud.apiUrl), mailPort: port(cloud.mailEndpoint), dynamoPort: port(cloud.dynamoEndpoint), sfnPort: port(cloud.sfnEndpoint) };
}

export async function postJson(cloud: LocalCloud, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${cloud.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}

/** Every item in the table (tests only; the product never scans). */
export async function allItems(cloud: LocalCloud): Promise<Record<string, any>[]> {
  const doc = DynamoDBDocumentClient.from(cloud.dynamo);
  const items: Record<string, any>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: cloud.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export async function getItem(cloud: LocalCloud, PK: string, SK: string) {
  const out = await DynamoDBDocumentClient.from(cloud.dynamo).send(
    new GetCommand({ TableName: cloud.tableName, Key: { PK, SK }, ConsistentRead: true }),
  );
  return out.Item;
}

export async function mailsTo(cloud: LocalCloud, address: string) {
  return (await readInbox(cloud.mailEndpoint)).filter((m) => m.destination.to.includes(address));
}
