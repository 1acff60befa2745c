import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DATA_NOTICE_VERSION, type IntakeInput } from '../schemas/intake.js';
import { ROUTE_PATHS } from '../schemas/routes/paths.js';
import { invoke } from './lambda.js';
import { withOriginHeader } from './api-server.js';

const MARKER = { PK: { S: 'LOCAL#SEED' }, SK: { S: 'LOCAL#SEED' } };

/** Fictional people for the demo, across both sites and several languages. */
const DEMO_INTAKES: IntakeInput[] = [
  demo('de', 'marxloh', 'Erika', 'Beispiel', '1979-04-12', 'female', '47169', ['counselling', 'job_search']),
  demo('tr', 'marxloh', 'Ayşe', 'Örnek', '1988-09-03', 'female', '47169', ['application', 'interview']),
  demo('ar', 'marxloh', 'سامي', 'مثال', '1992-01-20', 'male', '47166', ['recognition', 'digital_skills'], {
    country: 'SY',
    profession: 'Elektriker',
    year: 2014,
    documents: ['certificates', 'id_document'],
  }),
  demo('uk', 'hochfeld', 'Олена', 'Приклад', '1985-06-30', 'female', '47053', ['recognition'], {
    country: 'UA',
    profession: 'Krankenschwester',
    year: 2009,
    documents: ['certificates', 'transcripts', 'work_experience'],
  }),
  demo('bg', 'hochfeld', 'Иван', 'Примеров', '1990-11-11', 'male', '47053', ['trial_placement', 'job_search']),
  demo('ro', 'hochfeld', 'Maria', 'Exemplu', '2001-02-14', 'non_binary', '47051', ['qualification']),
];

function demo(
  lang: IntakeInput['lang'],
  site: string,
  firstName: string,
  lastName: string,
  dateOfBirth: string,
  gender: 'female' | 'male' | 'non_binary',
  postcode: string,
  help: IntakeInput['help'],
  qualification?: IntakeInput['qualification'],
): IntakeInput {
  return {
    lang,
    site,
    person: { firstName, lastName, dateOfBirth, gender, address: { street: 'Musterstraße 1', postcode, city: 'Duisburg' } },
    contact: { email: `${lastName.normalize('NFKD').replace(/[^a-z]/gi, '').toLowerCase() || 'demo'}@example.org`, phone: '0203 123456' },
    employment: { status: 'long_term_unemployed' },
    education: { level: 'isced_3_4' },
    help,
    ...(qualification ? { qualification } : {}),
    consent: { noticeVersion: DATA_NOTICE_VERSION, accepted: true },
  };
}

/**
 * Loads the demo data once (a marker item remembers it), through the real intake handler, so the
 * demo participants pass the same validation, workflow and mails as real ones.
 */
export async function seedDemoData(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const marker = await client.send(new GetItemCommand({ TableName: tableName, Key: MARKER, ConsistentRead: true }));
  if (marker.Item) return false;
  for (const [i, intake] of DEMO_INTAKES.entries()) {
    const result = (await invoke('functions/public/post-intake.ts', 'PostIntake', {
      version: '2.0',
      routeKey: 'POST /api/intake',
      rawPath: '/api/intake',
      rawQueryString: '',
      // As CloudFront forwards it: with the origin secret (functions/lib/origin-verify.ts).
      headers: withOriginHeader({ 'content-type': 'application/json', 'idempotency-key': `demo-seed-${i}` }),
      requestContext: { http: { method: 'POST', path: '/api/intake', sourceIp: '127.0.0.1' } },
      body: JSON.stringify(intake),
      isBase64Encoded: false,
    })) as { statusCode: number };
    if (result.statusCode !== 202) throw new Error(`demo intake ${i} was refused (${result.statusCode})`);
  }
  await client.send(new PutItemCommand({ TableName: tableName, Item: { ...MARKER, at: { S: new Date().toISOString() } } }));
  return true;
}

/**
 * A demo trial placement for Erika Beispiel (marxloh), requested through the real staff API as
 * the marxloh counsellor: the employer's request mail is in the local inbox, its link confirms,
 * and "Heute" shows it waiting. Runs once, right after the demo intakes were registered.
 */
export async function seedDemoPlacement(apiUrl: string, counsellorToken: string, today: string): Promise<void> {
  const auth = { authorization: `Bearer ${counsellorToken}` };
  const search = await fetch(`${apiUrl}${ROUTE_PATHS.SearchParticipants.path}?q=Beispiel`, { headers: auth });
  const found = (await search.json()) as { items?: { id: string; lastName: string }[] };
  const erika = found.items?.find((p) => p.lastName === 'Beispiel');
  if (!erika) throw new Error(`demo placement: Erika Beispiel not found (${search.status})`);
  const day = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const res = await fetch(`${apiUrl}${ROUTE_PATHS.CreatePlacement.path}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'demo-seed-placement-1' },
    body: JSON.stringify({
      participantId: erika.id,
      employer: { name: 'Bäckerei Korn GmbH', contactName: 'Frau Korn', email: 'korn@baeckerei.example.org', phone: '0203 987654' },
      role: 'Verkaufshilfe',
      startDate: day(7),
      endDate: day(7 + 13),
      weeklyHours: 30,
      tasks: 'Verkauf an der Theke, Kasse, Warenannahme',
      supervisor: { name: 'Jens Korn', phone: '0203 987655' },
    }),
  });
  if (res.status !== 201) throw new Error(`demo placement was refused (${res.status})`);
}
