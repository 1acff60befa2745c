import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DATA_NOTICE_VERSION, type IntakeInput } from '../schemas/intake.js';
import { fillPath } from '../schemas/http/contract.js';
import { ROUTE_PATHS } from '../schemas/routes/paths.js';
import { invoke } from './lambda.js';
import { withOriginHeader } from './api-server.js';

/**
 * The larger demo set (`DEMO_PARTICIPANTS=800 npm start`): fictional people entered through the
 * real intake handler, then first contacts, withdrawals and exits of every kind through the real
 * staff API, in the proportions the Duisburg project reported (827 participants: 81 % unemployed,
 * 50 % long-term, 89 % with a migration background; 171 into employment, 32 into training, 222
 * with improved prospects). Loaded once (a marker item); the entry day is the day of the start
 * (the intake stamps its own time).
 */
const MARKER = { PK: { S: 'LOCAL#SEED-FIGURES' }, SK: { S: 'LOCAL#SEED-FIGURES' } };
const FIRST = ['Ayşe', 'Mehmet', 'Elena', 'Ivan', 'Fatima', 'Olena', 'Jörg', 'Zeynep', 'Ahmad', 'Maria', 'Lukas', 'Yasmin', 'Dmytro', 'Nour', 'Ömer', 'Katarzyna', 'Ali', 'Sara', 'Bogdan', 'Leyla'];
const LAST = ['Demir', 'Popescu', 'Ivanova', 'Yılmaz', 'Kovalenko', 'Schäfer', 'Hassan', 'Nowak', 'Georgiev', 'Rahimi', 'Müller', 'Kaya', 'Petrov', 'Haddad', 'Özdemir', 'Wiśniewska', 'Stoica', 'Karimi', 'Becker', 'Aydın'];

/** Where a demo person ends up, by share of 1,000 (Duisburg's proportions; the rest still takes part). */
function fate(r: number): { kind: 'new' | 'withdrawn_early' | 'contacted' | 'withdrawn_late' | 'exit'; exit?: Record<string, unknown> } {
  if (r < 30) return { kind: 'new' };
  if (r < 60) return { kind: 'withdrawn_early' };
  if (r < 270) return { kind: 'exit', exit: { outcome: 'employment', employmentKind: r % 3 === 0 ? 'marginal' : 'social_insurance' } };
  if (r < 310) return { kind: 'exit', exit: { outcome: 'training' } };
  if (r < 585) {
    const reasons = ['qualification_completed', 'recognition_achieved', 'language_level'] as const;
    return { kind: 'exit', exit: { outcome: 'improved_prospects', improvedReason: reasons[r % 3] } };
  }
  if (r < 700) return { kind: 'exit', exit: { outcome: 'none' } };
  if (r < 715) return { kind: 'withdrawn_late' };
  return { kind: 'contacted' };
}

const share = (i: number, salt: number) => ((i * 2654435761 + salt * 97) >>> 0) % 1000;

function intake(i: number): IntakeInput {
  const site = i % 2 === 0 ? 'marxloh' : 'hochfeld';
  const e = share(i, 1);
  return {
    lang: 'de',
    site,
    person: {
      firstName: FIRST[i % FIRST.length]!,
      lastName: LAST[Math.floor(i / FIRST.length) % LAST.length]!,
      dateOfBirth: `${1960 + (i % 40)}-${String(1 + (Math.floor(i / 40) % 12)).padStart(2, '0')}-${String(1 + (Math.floor(i / 480) % 28)).padStart(2, '0')}`,
      gender: i % 5 === 0 ? 'male' : i % 5 === 1 ? 'female' : i % 2 ? 'female' : 'male',
      address: { street: 'Musterstraße 1', postcode: site === 'marxloh' ? '47169' : '47053', city: 'Duisburg' },
    },
    contact: { email: `demo-${i}@example.org` },
    employment: { status: e < 504 ? 'long_term_unemployed' : e < 810 ? 'unemployed' : e < 930 ? 'inactive' : 'employed' },
    education: { level: i % 3 === 0 ? 'isced_0_2' : i % 3 === 1 ? 'isced_3_4' : 'isced_5_8' },
    part2: { migrantBackground: share(i, 2) < 889 ? 'yes' : share(i, 2) < 960 ? 'no' : 'no_answer', thirdCountryNational: 'no_answer', disability: 'no_answer', homelessness: 'no_answer' },
    help: ['counselling', 'job_search'],
    // An answer on migration background needs the separate Art. 9(2)(a) consent (a "no" too).
    consent: { noticeVersion: DATA_NOTICE_VERSION, accepted: true, ...(share(i, 2) < 960 ? { specialCategories: true } : {}) },
  };
}

export interface FiguresSeedApi {
  apiUrl: string;
  /** A fresh ID token of the site's counsellor (fresh: the clock may run fast, TIME_SCALE). */
  token: (site: string) => Promise<string>;
  today: string;
  idle: () => Promise<void>;
}

export async function seedDemoFigures(client: DynamoDBClient, tableName: string, count: number, api: FiguresSeedApi): Promise<number> {
  if (count <= 0) return 0;
  const marker = await client.send(new GetItemCommand({ TableName: tableName, Key: MARKER, ConsistentRead: true }));
  if (marker.Item) return 0;
  const references: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = (await invoke('functions/public/post-intake.ts', 'PostIntake', {
      version: '2.0',
      routeKey: 'POST /api/intake',
      rawPath: '/api/intake',
      rawQueryString: '',
      // As CloudFront forwards it: with the origin secret (functions/lib/origin-verify.ts).
      headers: withOriginHeader({ 'content-type': 'application/json', 'idempotency-key': `demo-figures-${i}` }),
      requestContext: { http: { method: 'POST', path: '/api/intake', sourceIp: '127.0.0.1' } },
      body: JSON.stringify(intake(i)),
      isBase64Encoded: false,
    })) as { statusCode: number; body: string };
    if (result.statusCode !== 202) throw new Error(`demo intake ${i} was refused (${result.statusCode})`);
    references.push((JSON.parse(result.body) as { reference: string }).reference);
    if (i % 50 === 49) await api.idle();
  }
  await api.idle();
  const call = async (method: 'GET' | 'POST', path: string, site: string, body?: unknown) => {
    const res = await fetch(`${api.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await api.token(site)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status !== 200) throw new Error(`demo ${method} ${path.replace(/[0-9a-f]{32}/, '{id}')} answered ${res.status}`);
    return (await res.json()) as any;
  };
  const situation = (outcome: unknown) => ({ employmentStatus: outcome === 'employment' ? 'employed' : 'unemployed', jobSearching: outcome === 'employment' ? 'no' : 'yes', inEducationOrTraining: outcome === 'training' ? 'yes' : 'no', qualificationGained: outcome === 'improved_prospects' ? 'yes' : 'no' });
  for (const [i, reference] of references.entries()) {
    const site = intake(i).site;
    const f = fate(share(i, 3));
    if (f.kind === 'new') continue;
    const hit = (await call('GET', `${ROUTE_PATHS.SearchParticipants.path}?q=${reference}`, site)).items[0] as { id: string } | undefined;
    if (!hit) continue; // a rare duplicate of generated names: already someone's
    const path = (id: keyof typeof ROUTE_PATHS) => fillPath(ROUTE_PATHS[id].path, { id: hit.id });
    let version = (await call('GET', path('GetParticipant'), site)).participant.version as number;
    if (f.kind === 'withdrawn_early') {
      await call('POST', path('WithdrawParticipant'), site, { version, reason: 'not_interested' });
      continue;
    }
    version = (await call('POST', path('RecordFirstContact'), site, { version, date: api.today, channel: 'in_person' })).version;
    if (f.kind === 'withdrawn_late') await call('POST', path('WithdrawParticipant'), site, { version, reason: 'moved_away' });
    if (f.kind === 'exit') await call('POST', path('ExitParticipant'), site, { version, date: api.today, ...f.exit, situation: situation(f.exit!['outcome']) });
  }
  await client.send(new PutItemCommand({ TableName: tableName, Item: { ...MARKER, at: { S: new Date().toISOString() }, count: { N: String(count) } } }));
  return count;
}
