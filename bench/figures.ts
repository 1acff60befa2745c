import { DEMO_USERS } from '../local/auth.js';
import { startLocalCloud, type LocalCloud } from '../local/cloud.js';
import type { MeterSnapshot } from '../local/dynamo.js';
import { ephemeralSettings } from '../local/settings.js';
import { ROUTE_PATHS } from '../schemas/routes/paths.js';
import type { Participant } from '../schemas/model/participant.js';
import { printTable } from './print.js';

/**
 * (f) What reading the figures costs at 1,000 and at 20,000 participants, side by side in one
 * run (target: the larger at most 1.5× the smaller): DynamoDB requests, bytes read and read units
 * of `GET /api/staff/reports/kpis` (a coordinator, every site, the whole period) and of the
 * `kpis.csv` export, from the local DynamoDB meter, on one in-process local cloud.
 *
 * Seeding 20,000 people through the HTTP API (intake, workflow, first contact, exit) would take
 * hours on this machine (and even one `settleFigures` per person, 13 DynamoDB calls, about half
 * an hour), so the bench builds realistic participant records in memory, takes each one's
 * contribution with the real `contributionOf`, sums them per site and entry day, and writes each
 * counter item with the real `addToCounter` / `removeChangeId` — the items the figures read,
 * with the values 20,000 settled participants would leave (the local figures test proves the
 * per-person path). The reading itself goes through the real API and the real handler.
 */
const TARGET = 1.5;
const SITES = ['marxloh', 'hochfeld'] as const;
/** Entries spread over the same 180 days at both sizes (the figures cost per entry day, not per person). */
const DAYS = 180;
const START = Date.parse('2025-01-06T09:00:00.000Z');

interface Reading {
  participants: number;
  requests: number;
  bytesRead: number;
  rru: number;
  answer: Record<string, unknown>;
}

export async function figuresBench(small: number, large: number): Promise<boolean> {
  const cloud = await startLocalCloud(ephemeralSettings(), { dynamo: { meter: true } });
  try {
    const { addToCounter, readCounter, removeChangeId } = await import('../functions/data/figure-counters.js');
    const { addCounts, contributionOf, zeroCounts } = await import('../functions/domain/figures.js');
    const seed = async (from: number, to: number) => {
      const t = performance.now();
      const sums = new Map<string, ReturnType<typeof zeroCounts>>();
      for (let i = from; i < to; i++) {
        const c = contributionOf(benchParticipant(i));
        if (c) addCounts(sums.get(`${c.site}|${c.day}`) ?? sums.set(`${c.site}|${c.day}`, zeroCounts()).get(`${c.site}|${c.day}`)!, c);
      }
      const at = new Date().toISOString();
      for (const [k, delta] of sums) {
        const [site, day] = k.split('|') as [string, string];
        const cid = `bench-seed-${from}`;
        if (!(await addToCounter(site, day, cid, delta, await readCounter(site, day), at))) throw new Error('bench seed refused');
        await removeChangeId(site, day, cid);
      }
      return { seconds: (performance.now() - t) / 1000, counters: sums.size };
    };
    const readings: Reading[] = [];
    let seeded = 0;
    for (const size of [small, large]) {
      const { seconds, counters } = await seed(seeded, size);
      console.log(`  seeded ${size - seeded} participants (now ${size}): ${counters} counter items written in ${seconds.toFixed(0)} s (contributionOf + addToCounter, not the HTTP API)`);
      seeded = size;
      readings.push(await read(cloud, size, ROUTE_PATHS.GetKpis.path));
    }
    const csv = [await read(cloud, large, ROUTE_PATHS.GetKpisCsv.path)];
    const [a, b] = readings as [Reading, Reading];
    const ratio = (x: number, y: number) => (y === 0 ? (x === 0 ? 1 : Infinity) : x / y);
    const ratios = { requests: ratio(b.requests, a.requests), bytes: ratio(b.bytesRead, a.bytesRead), rru: ratio(b.rru, a.rru) };
    const ok = Math.max(ratios.requests, ratios.bytes, ratios.rru) <= TARGET && a.answer['participants'] === small && b.answer['participants'] === large;
    printTable([
      ['GET /api/staff/reports/kpis (coordinator, all sites)', 'participants', 'DynamoDB requests', 'bytes read', 'read units'],
      ...readings.map((r) => ['', String(r.participants), String(r.requests), String(r.bytesRead), r.rru.toFixed(1)]),
      ['larger / smaller', `${(large / small).toFixed(0)}×`, `${ratios.requests.toFixed(2)}×`, `${ratios.bytes.toFixed(2)}×`, `${ratios.rru.toFixed(2)}×`],
      ['GET …/kpis.csv (same data)', String(large), String(csv[0]!.requests), String(csv[0]!.bytesRead), csv[0]!.rru.toFixed(1)],
    ]);
    console.log(`\n  the answers count ${a.answer['participants']} and ${b.answer['participants']} participants (placement rate ${(Number(b.answer['placementRate']) * 100).toFixed(1)} %)`);
    console.log(`  larger / smaller: at most ${Math.max(ratios.requests, ratios.bytes, ratios.rru).toFixed(2)}× (target ≤ ${TARGET}×)  ${ok ? 'ok' : 'OVER TARGET'}`);
    console.log('  (seeded through the real domain and data functions, not the HTTP API: see the README)');
    return ok;
  } finally {
    await cloud.stop();
  }
}

/** One metered read through the API: the application table's requests, response bytes and read units. */
async function read(cloud: LocalCloud, participants: number, path: string): Promise<Reading> {
  const token = await cloud.auth.issue(DEMO_USERS.find((u) => u.username === 'koordination')!);
  const get = () => fetch(`${cloud.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  await (await get()).arrayBuffer(); // warm: the staff directory's daily write, the handler's module
  await cloud.dynamoMeter!.resetMeter();
  const res = await get();
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  const t = table(await cloud.dynamoMeter!.meter(), cloud.tableName);
  return { participants, ...t, answer: path.endsWith('.csv') ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

function table(m: MeterSnapshot, name: string) {
  const ops = Object.entries(m.tables[name]?.operations ?? {}).filter(([op]) => ['Query', 'GetItem', 'BatchGetItem', 'Scan'].includes(op)).map(([, o]) => o);
  return { requests: ops.reduce((n, o) => n + o.requests, 0), bytesRead: ops.reduce((n, o) => n + o.responseBytes, 0), rru: ops.reduce((n, o) => n + o.rru, 0) };
}

/** A participant as a registration writes it, in the Duisburg project's proportions, some exited with an outcome. */
function benchParticipant(i: number): Participant {
  const id = i.toString(16).padStart(32, '0');
  const createdAt = new Date(START + (Math.floor(i / SITES.length) % DAYS) * 86_400_000 + (i % 7) * 3_600_000).toISOString();
  const r = (salt: number) => ((i * 2654435761 + salt * 40503) >>> 0) % 1000;
  const status = r(1) < 500 ? 'long_term_unemployed' : r(1) < 810 ? 'unemployed' : 'inactive';
  const outcome = r(2) < 207 ? 'employment' : r(2) < 246 ? 'training' : r(2) < 514 ? 'improved_prospects' : r(2) < 700 ? 'none' : undefined;
  const at = createdAt;
  return {
    id,
    reference: `B${String(i).padStart(3, '0').slice(-3)}-BNCH`,
    site: SITES[i % SITES.length]!,
    status: outcome ? 'exited' : 'contacted',
    lang: 'de',
    entry: {
      person: { firstName: 'Bench', lastName: `Person${i}`, dateOfBirth: '1990-01-01', gender: i % 2 ? 'female' : 'male', address: { street: 'Musterstraße 1', postcode: '47169', city: 'Duisburg' } },
      contact: { email: `bench${i}@example.org` },
      employment: { status },
      education: { level: 'isced_0_2' },
      part2: { migrantBackground: r(3) < 889 ? 'yes' : 'no', thirdCountryNational: 'no_answer', disability: 'no_answer', homelessness: 'no_answer' },
      help: ['counselling'],
    },
    consent: { noticeVersion: 'bench', acceptedAt: at },
    firstSubmissionId: id,
    firstContact: { date: createdAt.slice(0, 10), channel: 'phone', recordedAt: at, recordedBy: 'bench' },
    ...(outcome ? { exit: { date: createdAt.slice(0, 10), outcome, ...(outcome === 'improved_prospects' ? { improvedReason: 'language_level' as const } : {}), situation: { employmentStatus: 'unemployed', jobSearching: 'yes', inEducationOrTraining: 'no', qualificationGained: 'no' }, recordedAt: at, recordedBy: 'bench' } } : {}),
    figures: { rev: 0, phase: 'settled' },
    createdAt,
    updatedAt: at,
    version: 1,
  };
}
