import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { berlinDate } from '../../functions/domain/working-days.js';
import { register, staffApi, type Registered } from './console-helpers.js';
import { SITUATION } from './figures-helpers.js';
import { startCloud } from './helpers.js';
import { executionOf, requestPlacement } from './placement-helpers.js';

/** The exit through the real local cloud: it ends the participant's running workflows, shows in the record and the audit trail. */

let cloud: LocalCloud;
const api = staffApi(() => cloud);
const today = berlinDate(new Date());
let p: Registered;
let placementId: string;

beforeAll(async () => {
  cloud = await startCloud();
  p = await register(cloud, { firstName: 'Selin', lastName: 'Austritt', site: 'marxloh' });
  placementId = await requestPlacement(cloud, p, 'austritt@betrieb.example.org', today);
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

const record = async () => (await api.get(`/api/staff/participants/${p.id}`, 'berater.marxloh')).body;

describe('the exit', () => {
  it('is refused before the first contact (409), then recorded; it ends the running trial placement workflow', async () => {
    expect((await executionOf(cloud, placementId)).status).toBe('RUNNING');
    const early = await api.post(`/api/staff/participants/${p.id}/exit`, 'berater.marxloh', { version: (await record()).participant.version, date: today, outcome: 'none', situation: SITUATION });
    expect([early.status, early.body.code]).toEqual([409, 'exit_needs_first_contact']);
    expect(early.body.message).toBe('Ein Austritt kann erst nach dem Erstkontakt erfasst werden.');

    const contact = await api.post(`/api/staff/participants/${p.id}/contact`, 'berater.marxloh', { version: (await record()).participant.version, date: today, channel: 'phone' });
    expect(contact.status).toBe(200);
    const exit = await api.post(`/api/staff/participants/${p.id}/exit`, 'berater.marxloh', { version: contact.body.version, date: today, outcome: 'employment', employmentKind: 'social_insurance', employerName: 'Bäckerei Korn GmbH', situation: SITUATION });
    expect(exit.status, JSON.stringify(exit.body)).toBe(200);
    expect(exit.body).toMatchObject({ status: 'exited', corrections: 0, exit: { outcome: 'employment', employerName: 'Bäckerei Korn GmbH' } });
    await cloud.workflows.idle();
    expect((await executionOf(cloud, placementId)).status).toBe('ABORTED');
    // The intake follow-up ended with the first contact already.
  });

  it('shows in the record and the audit trail; another site and a coordinator see nothing; a correction keeps the earlier exit', async () => {
    const r = await record();
    expect(r.participant.status).toBe('exited');
    expect(r.participant.exit.outcome).toBe('employment');
    expect(r.suggestedOutcome).toBeNull();
    expect(r.audit.map((a: any) => a.action)).toContain('participant.exited');
    expect((await api.post(`/api/staff/participants/${p.id}/exit`, 'berater.hochfeld', { version: r.participant.version, date: today, outcome: 'none', situation: SITUATION })).status).toBe(404);
    expect((await api.post(`/api/staff/participants/${p.id}/exit/corrections`, 'koordination', { version: r.participant.version, date: today, outcome: 'none', situation: SITUATION, reason: 'x' })).status).toBe(403);
    const stale = await api.post(`/api/staff/participants/${p.id}/exit/corrections`, 'leitung.marxloh', { version: r.participant.version - 1, date: today, outcome: 'training', situation: SITUATION, reason: 'Vertrag' });
    expect([stale.status, stale.body.code]).toEqual([409, 'version_conflict']);
    const fixed = await api.post(`/api/staff/participants/${p.id}/exit/corrections`, 'leitung.marxloh', { version: r.participant.version, date: today, outcome: 'training', trainingOccupation: 'Bäckerin', situation: SITUATION, reason: 'Ausbildungsvertrag statt Arbeitsvertrag' });
    expect([fixed.status, fixed.body.corrections]).toEqual([200, 1]);
    const after = await record();
    expect(after.participant.exit).toMatchObject({ outcome: 'training', trainingOccupation: 'Bäckerin', correctionReason: 'Ausbildungsvertrag statt Arbeitsvertrag' });
    expect(after.participant.exitHistory.map((x: any) => x.outcome)).toEqual(['employment']);
    expect(after.audit.map((a: any) => a.action)).toContain('participant.exit_corrected');
    const kpis = (await api.get('/api/staff/reports/kpis', 'leitung.marxloh')).body;
    expect([kpis.participants, kpis.employment, kpis.training]).toEqual([1, 0, 1]);
  });
});
