import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { allItems, startCloud, tempDataDir } from './helpers.js';
import { personalDataIn, register, staffApi, type Registered } from './console-helpers.js';

/** The staff console's search, assignment and team, against a real local cloud with real tokens. */
let cloud: LocalCloud;
const api = staffApi(() => cloud);
const people: Record<string, Registered> = {};
const subs: Record<string, string> = {};

beforeAll(async () => {
  cloud = await startCloud({ dataDir: tempDataDir() });
  people['jana'] = await register(cloud, { firstName: 'Jana', lastName: 'Beispiel', site: 'marxloh' });
  people['mueller'] = await register(cloud, { firstName: 'Peter', lastName: 'Müller', site: 'marxloh' });
  people['heide'] = await register(cloud, { firstName: 'Anna Lena', lastName: 'von der Heide', site: 'marxloh' });
  people['hof'] = await register(cloud, { firstName: 'Jana', lastName: 'Beispielhof', site: 'hochfeld' });
  // Every staff route records its caller in the site's directory.
  for (const u of ['berater.marxloh', 'leitung.marxloh', 'berater.hochfeld', 'leitung.hochfeld', 'koordination']) {
    const me = await api.get('/api/staff/me', u);
    expect(me.status).toBe(200);
    subs[u] = me.body.sub;
  }
});
afterAll(async () => {
  await cloud?.stop();
});

const search = (q: string, user = 'berater.marxloh') => api.get(`/api/staff/participants/search?q=${encodeURIComponent(q)}`, user);
const ids = (res: { body: any }) => res.body.items.map((p: any) => p.id);

describe('search by reference', () => {
  it('finds a participant by the reference read out on the phone: lower case, no dash, O for 0, L for 1', async () => {
    const { reference, id } = people['jana']!;
    const spoken = reference.toLowerCase().replace('-', '').replace(/0/g, 'o').replace(/1/g, 'l');
    for (const q of [reference, reference.toLowerCase().replace('-', ''), spoken, ` ${reference.slice(0, 4)} ${reference.slice(5)} `]) {
      const res = await search(q);
      expect(res.status, q).toBe(200);
      expect(res.body).toMatchObject({ by: 'reference', truncated: false });
      expect(ids(res), q).toEqual([id]);
    }
    expect((await search(reference)).body.items[0]).toMatchObject({ firstName: 'Jana', lastName: 'Beispiel', status: 'new', site: 'marxloh', assignedTo: null });
  });

  it("finds a participant by a linked (duplicate) submission's reference", async () => {
    const again = await register(cloud, { firstName: 'JANA', lastName: 'beispiel', site: 'marxloh', email: 'jana.zweit@example.org' });
    expect(again.id).toBe(people['jana']!.id);
    const res = await search(again.reference.toLowerCase().replace('-', ''));
    expect(ids(res)).toEqual([people['jana']!.id]);
  });

  it("answers another site's reference exactly like an unknown one", async () => {
    const theirs = await search(people['hof']!.reference, 'leitung.marxloh');
    // An unknown reference of the same shape (digits where it has digits: a digit-free one may also be a name).
    const letters = 'ABCDEFGHJKMNPQRSTVWXYZ';
    const other = people['hof']!.reference.replace(/[0-9]/g, (d) => String((Number(d) + 1) % 10)).replace(/[A-Z]/g, (c) => letters[(letters.indexOf(c) + 1) % letters.length]!);
    const unknown = await search(other, 'leitung.marxloh');
    expect(theirs.body).toEqual(unknown.body);
    expect(theirs.body.items).toEqual([]);
    expect(ids(await search(people['hof']!.reference, 'berater.hochfeld'))).toEqual([people['hof']!.id]);
  });
});

describe('search by name', () => {
  it.each([['mül'], ['Mue'], ['MULLER'], ['müller'], ['peter mu'], ['Müller, P']])('%j finds Peter Müller', async (q) => {
    const res = await search(q);
    expect(res.body.by).toBe('name');
    expect(ids(res)).toEqual([people['mueller']!.id]);
  });

  it('"jana bei" finds Jana Beispiel at the own site only; first names, words of names and their order work', async () => {
    expect(ids(await search('jana bei'))).toEqual([people['jana']!.id]);
    expect(ids(await search('jana bei', 'berater.hochfeld'))).toEqual([people['hof']!.id]);
    expect(ids(await search('beispiel jana'))).toEqual([people['jana']!.id]);
    expect(ids(await search('Heide'))).toEqual([people['heide']!.id]);
    expect(ids(await search('lena'))).toEqual([people['heide']!.id]);
    expect(ids(await search('ja')).sort()).toEqual([people['jana']!.id]);
    expect((await search('xyzzy')).body.items).toEqual([]);
  });

  it('gives results in the list summary shape, and each search is one site audit entry without the search text', async () => {
    const before = (await allItems(cloud)).filter((i) => i.type === 'SiteAudit').length;
    const res = await search('Beispiel', 'leitung.marxloh');
    const list = await api.get('/api/staff/participants', 'leitung.marxloh');
    const listed = list.body.items.find((p: any) => p.id === people['jana']!.id);
    expect(res.body.items[0]).toEqual(listed);
    const audits = (await allItems(cloud)).filter((i) => i.type === 'SiteAudit');
    expect(audits.length).toBe(before + 2);
    const mine = audits.filter((a) => a.actor === subs['leitung.marxloh']);
    expect(mine.map((a) => a.action)).toEqual(expect.arrayContaining(['participants.search.name', 'participants.list']));
    expect(mine.every((a) => String(a.PK).startsWith('SITE#marxloh#AUDIT#'))).toBe(true);
    expect(personalDataIn(JSON.stringify(audits), ['Beispiel', 'Jana', 'Müller', 'mül', 'Heide', 'example.org', 'berater', 'leitung', people['jana']!.reference])).toEqual([]);
  });

  it('refuses coordinators (403) and a missing or unknown parameter (400)', async () => {
    expect((await search('jana', 'koordination')).status).toBe(403);
    expect((await api.get('/api/staff/participants/search', 'berater.marxloh')).status).toBe(400);
    expect((await api.get('/api/staff/participants/search?q=jana&site=hochfeld', 'berater.marxloh')).status).toBe(400);
  });
});

describe('assignment and the team', () => {
  let version: number;

  it("lists the site's team for its lead (from the directory the staff routes keep), and refuses staff and coordinators", async () => {
    const team = await api.get('/api/staff/team', 'leitung.marxloh');
    expect(team.status).toBe(200);
    expect(team.body.site).toEqual({ id: 'marxloh', name: 'BIWAQ Marxloh' });
    expect(team.body.items.map((m: any) => [m.username, m.role, m.assigned])).toEqual([
      ['berater.marxloh', 'staff', 0],
      ['leitung.marxloh', 'lead', 0],
    ]);
    expect((await api.get('/api/staff/team', 'berater.marxloh')).status).toBe(403);
    expect((await api.get('/api/staff/team', 'koordination')).status).toBe(403);
    // The directory is written once a day per user, not on every call.
    const entries = (await allItems(cloud)).filter((i) => i.type === 'StaffMember');
    expect(entries.map((e) => `${e.site} ${e.username}`).sort()).toEqual(['hochfeld berater.hochfeld', 'hochfeld leitung.hochfeld', 'marxloh berater.marxloh', 'marxloh leitung.marxloh']);
  });

  it('lets the lead assign a counsellor of the site on the version seen; list, search, record, team and Heute show it', async () => {
    const { id } = people['mueller']!;
    version = (await api.get(`/api/staff/participants/${id}`, 'leitung.marxloh')).body.participant.version;
    const res = await api.post(`/api/staff/participants/${id}/assign`, 'leitung.marxloh', { version, assignedTo: subs['berater.marxloh'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, version: version + 1, assignedTo: { sub: subs['berater.marxloh'], username: 'berater.marxloh' } });
    version = res.body.version;

    const mine = await api.get('/api/staff/participants?assignedTo=me', 'berater.marxloh');
    expect(ids(mine)).toEqual([id]);
    expect(ids(await api.get(`/api/staff/participants?assignedTo=${subs['berater.marxloh']}&status=new`, 'leitung.marxloh'))).toEqual([id]);
    expect(ids(await api.get(`/api/staff/participants?assignedTo=${subs['berater.marxloh']}&status=contacted`, 'leitung.marxloh'))).toEqual([]);
    expect(ids(await api.get('/api/staff/participants?assignedTo=me', 'leitung.marxloh'))).toEqual([]);
    expect((await search('müller')).body.items[0].assignedTo).toEqual({ sub: subs['berater.marxloh'], username: 'berater.marxloh' });
    const record = await api.get(`/api/staff/participants/${id}`, 'berater.marxloh');
    expect(record.body.participant.assignedTo).toEqual({ sub: subs['berater.marxloh'], username: 'berater.marxloh' });
    expect(record.body.audit.find((a: any) => a.action === 'participant.assigned')).toMatchObject({ role: 'lead', actor: subs['leitung.marxloh'], detail: { assignedTo: subs['berater.marxloh'] } });
    const today = await api.get('/api/staff/today', 'berater.marxloh');
    expect(today.body.waiting.find((w: any) => w.participant.id === id).participant.assignedTo.username).toBe('berater.marxloh');
    const team = await api.get('/api/staff/team', 'leitung.marxloh');
    expect(team.body.items.find((m: any) => m.username === 'berater.marxloh').assigned).toBe(1);
  });

  it('answers a stale version 409, staff and coordinators 403, another site 404, a colleague of another site 400', async () => {
    const { id } = people['mueller']!;
    const stale = await api.post(`/api/staff/participants/${id}/assign`, 'leitung.marxloh', { version: version - 1, assignedTo: null });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((await api.post(`/api/staff/participants/${id}/assign`, 'berater.marxloh', { version, assignedTo: null })).status).toBe(403);
    expect((await api.post(`/api/staff/participants/${id}/assign`, 'koordination', { version, assignedTo: null })).status).toBe(403);
    const theirs = await api.post(`/api/staff/participants/${id}/assign`, 'leitung.hochfeld', { version, assignedTo: subs['berater.hochfeld'] });
    const unknown = await api.post(`/api/staff/participants/${'0'.repeat(32)}/assign`, 'leitung.hochfeld', { version, assignedTo: subs['berater.hochfeld'] });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(unknown.body);
    const colleague = await api.post(`/api/staff/participants/${id}/assign`, 'leitung.marxloh', { version, assignedTo: subs['berater.hochfeld'] });
    expect(colleague.status).toBe(400);
    expect(colleague.body.errors[0].path).toBe('assignedTo');
    // Unassigning on the current version works and empties "mine".
    const none = await api.post(`/api/staff/participants/${id}/assign`, 'leitung.marxloh', { version, assignedTo: null });
    expect(none.body).toMatchObject({ assignedTo: null, version: version + 1 });
    expect(ids(await api.get('/api/staff/participants?assignedTo=me', 'berater.marxloh'))).toEqual([]);
  });
});
