import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, demoSub } from '../../local/auth/users.js';
import type { LocalCloud } from '../../local/cloud.js';
import { DATA_EXPORT_KINDS } from '../../schemas/data-export.js';
import { register, type Registered } from './console-helpers.js';
import { ENTERED, found, fullRun, SEARCHED, type FullRun } from './full-run.js';
import { allItems, startCloud } from './helpers.js';
import { staffCall } from './recognition-helpers.js';

/**
 * Issue 13, part 2 (Art. 15): the access export of a person who went through every workflow (up to
 * the exit and its correction) holds
 * every item the table has about them (found by a scan of the whole table, by their ids,
 * references, hashes and entered values) and nothing of anyone else's.
 */
let cloud: LocalCloud;
let run: FullRun;
let other: Registered;
let elsewhere: Registered;

beforeAll(async () => {
  cloud = await startCloud();
  run = await fullRun(cloud);
  // Two other people: one at the same site, one at another.
  other = await register(cloud, { firstName: 'Berenike', lastName: 'Nebenfrau', site: 'marxloh', email: 'berenike.neben@example.org' });
  elsewhere = await register(cloud, { firstName: 'Casimir', lastName: 'Fernmann', site: 'hochfeld', email: 'casimir.fern@example.org' });
}, 180_000);

afterAll(async () => {
  await cloud?.stop();
});

const keyOf = (i: Record<string, any>) => `${i['PK']} | ${i['SK']}`;
const exportAs = (username: string, id = run.participantId) => staffCall(cloud, 'GET', `/api/staff/participants/${id}/data-export`, undefined, username);

/**
 * The ids an item can name the person by: their participant id, every reference, submission,
 * placement and case id, and their employer links' hashes (read from the scan, not from the export).
 */
function personIds(items: Record<string, any>[], participantId: string): string[] {
  const profile = items.find((i) => i.type === 'Participant' && i.id === participantId)!;
  const further = items.filter((i) => i.type === 'ParticipantSubmission' && i.PK === `PARTICIPANT#${participantId}`);
  const placements = items.filter((i) => i.type === 'Placement' && i.participantId === participantId);
  const cases = items.filter((i) => i.type === 'RecognitionCase' && i.participantId === participantId);
  return [
    participantId,
    profile.reference,
    profile.firstSubmissionId,
    ...[...(profile.duplicateSubmissionIds ?? [])],
    ...further.flatMap((f) => [f.reference, f.submissionId]),
    ...placements.flatMap((p) => [p.id, ...[...(p.linkHashes ?? [])]]),
    ...cases.map((c) => c.id),
  ];
}

/** An item refers to the person when it names one of their ids or holds a value they entered. */
const refersTo = (item: Record<string, any>, ids: string[], values: readonly string[]) => {
  const text = JSON.stringify(item, (_k, v) => (v instanceof Set ? [...v] : v));
  return ids.some((id) => text.includes(id)) || found(text, values).length > 0;
};

describe('the access export (JSON)', () => {
  it('holds every item of the person the whole table holds, and nothing of anyone else\'s', async () => {
    const res = await exportAs('berater.marxloh');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="datenauskunft-${run.reference}.json"`);
    const table = await allItems(cloud);
    const ids = personIds(table, run.participantId);
    const theirs = table.filter((i) => refersTo(i, ids, SEARCHED));
    // The scan is shown to work: it finds the person's items of every kind a full run leaves.
    expect(new Set(theirs.map((i) => i.type))).toEqual(new Set(['Participant', 'Submission', 'ParticipantSubmission', 'Identity', 'ReferenceLookup', 'NameIndexEntry', 'Placement', 'EmployerLink', 'RecognitionCase', 'TeamNotice', 'Audit']));

    const exported = new Set<string>(res.body.items.map((i: any) => keyOf(i.key)));
    expect(theirs.map(keyOf).filter((k) => !exported.has(k))).toEqual([]);
    // Nothing else: every exported item is one of theirs, and none names the other two people.
    const theirKeys = new Set(theirs.map(keyOf));
    expect([...exported].filter((k) => !theirKeys.has(k))).toEqual([]);
    for (const someone of [other, elsewhere]) {
      const otherIds = personIds(table, someone.id);
      expect(table.filter((i) => refersTo(i, otherIds, [])).length).toBeGreaterThan(0);
      expect(res.body.items.filter((i: any) => refersTo(i, otherIds, ['Nebenfrau', 'Fernmann']))).toEqual([]);
    }
    // The stored attributes, verbatim (keys apart): the profile holds what the person entered.
    const profile = res.body.items.find((i: any) => i.kind === 'Participant');
    expect(profile.attributes.entry.person).toMatchObject({ firstName: ENTERED.firstName, lastName: ENTERED.lastName, dateOfBirth: ENTERED.dateOfBirth });
    // The exit in force (the correction) and the one it replaced (issue 12) are on the profile.
    expect(profile.attributes.exit).toMatchObject({ outcome: 'training', trainingOccupation: 'Zimmerer' });
    expect(profile.attributes.exitHistory).toEqual([expect.objectContaining({ outcome: 'employment', employerName: 'Zimmerei Fullrun GmbH' })]);
    expect(Object.keys(res.body.counts)).toEqual([...DATA_EXPORT_KINDS]);
  });

  it('names every workflow that ran for the person, with its state from Step Functions', async () => {
    const res = await exportAs('berater.marxloh');
    const runs = res.body.workflows as any[];
    const local = cloud.workflows.list();
    const expected = [
      ...local.filter((e) => e.workflow === 'TrialPlacement' && e.name === run.placementId),
      ...local.filter((e) => e.workflow === 'RecognitionCase' && e.name === run.caseId),
    ];
    expect(expected).toHaveLength(2);
    for (const e of expected) expect(runs).toContainEqual(expect.objectContaining({ workflow: e.workflow, name: e.name, status: e.status, startDate: expect.any(String) }));
    // Both intakes (the first and the duplicate) ran their own registration.
    expect(runs.filter((r) => r.workflow === 'IntakeRegistration')).toHaveLength(2);
    expect(runs.every((r) => r.status !== 'UNKNOWN')).toBe(true);
  });

  it('is audited (who, when, which format; no personal data), and the copy holds its own entry', async () => {
    const res = await exportAs('leitung.marxloh');
    expect(res.status).toBe(200);
    const audits = (await allItems(cloud)).filter((i) => i.type === 'Audit' && i.PK === `PARTICIPANT#${run.participantId}` && i.action === 'participant.data_export');
    expect(audits.length).toBeGreaterThanOrEqual(3);
    const byLead = audits.filter((a) => a.actor === demoSub('leitung.marxloh'));
    expect(byLead).toHaveLength(1);
    expect(byLead[0]).toMatchObject({ role: 'lead', detail: { format: 'json' } });
    expect(found(JSON.stringify(audits))).toEqual([]);
    expect(res.body.items.map((i: any) => keyOf(i.key))).toContain(keyOf(byLead[0] as any));
  });
});

describe('who may produce it', () => {
  it('never a coordinator (403), never another site (404, like an unknown id)', async () => {
    expect((await exportAs('koordination')).status).toBe(403);
    expect((await exportAs('berater.hochfeld')).status).toBe(404);
    expect((await exportAs('leitung.hochfeld')).status).toBe(404);
    expect((await exportAs('berater.marxloh', elsewhere.id)).status).toBe(404);
    expect((await exportAs('berater.marxloh', '0'.repeat(32))).status).toBe(404);
  });

  it('the site\'s lead always; a counsellor only while the person is theirs or nobody\'s', async () => {
    const version = async () => (await staffCall(cloud, 'GET', `/api/staff/participants/${other.id}`, undefined, 'leitung.marxloh')).body.participant.version;
    const assign = async (sub: string | null) =>
      expect((await staffCall(cloud, 'POST', `/api/staff/participants/${other.id}/assign`, { version: await version(), assignedTo: sub }, 'leitung.marxloh')).status).toBe(200);
    expect((await exportAs('berater.marxloh', other.id)).status).toBe(200);
    await assign(demoSub('leitung.marxloh'));
    expect((await exportAs('berater.marxloh', other.id)).status).toBe(403);
    expect((await exportAs('leitung.marxloh', other.id)).status).toBe(200);
    await assign(demoSub('berater.marxloh'));
    expect((await exportAs('berater.marxloh', other.id)).status).toBe(200);
  });
});

describe('the access export (document)', () => {
  async function staffDocument(lang: string | undefined, username: string) {
    const token = await cloud.auth.issue(DEMO_USERS.find((u) => u.username === username)!);
    const res = await fetch(`${cloud.apiUrl}/api/staff/participants/${run.participantId}/data-export.html${lang ? `?lang=${lang}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  it('is German by default, with the form\'s labels, every item and every workflow', async () => {
    const res = await staffDocument(undefined, 'berater.marxloh');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.text).toContain('<html lang="de" dir="ltr">');
    expect(res.text).toContain('Auskunft über Ihre gespeicherten Daten');
    expect(res.text).toContain('<th scope="row">Nachname</th><td><bdi>Quirrenbachova</bdi></td>');
    expect(res.text).toContain(ENTERED.secondEmail);
    expect(res.text).toContain(run.placementId);
    expect(res.text).toContain('Erprobung im Betrieb');
  });

  it('in the person\'s language (Arabic): right-to-left, values isolated', async () => {
    const res = await staffDocument('ar', 'berater.marxloh');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="ar" dir="rtl">');
    expect(res.text).toContain('معلومات عن بياناتك المحفوظة');
    expect(res.text).toContain(`<bdi>${run.reference}</bdi>`);
    expect(res.headers.get('content-language')).toBe('ar');
  });

  it('refuses an unknown language (400) and a coordinator (403)', async () => {
    expect((await staffDocument('xx', 'berater.marxloh')).status).toBe(400);
    expect((await staffDocument('de', 'koordination')).status).toBe(403);
  });
});
