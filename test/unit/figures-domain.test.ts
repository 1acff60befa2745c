import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvLine, germanPercent } from '../../functions/domain/csv.js';
import { correctionRefusal, exitDateProblems, exitRefusal, suggestedOutcome } from '../../functions/domain/exit-rules.js';
import { contributionOf, counterDeltas, placementRate, sameContribution, zeroCounts } from '../../functions/domain/figures.js';
import { ageOn, kpiRows } from '../../functions/domain/report-rows.js';
import { ExitCorrectionInput, ExitInput } from '../../schemas/exit-inputs.js';
import { KpiQuery } from '../../schemas/report-inputs.js';
import { storedParticipant, storedPlacement } from '../fixtures.js';

const SITUATION = { employmentStatus: 'unemployed', jobSearching: 'yes', inEducationOrTraining: 'no', qualificationGained: 'no' } as const;
const contact = { date: '2026-03-02', channel: 'phone', recordedAt: '2026-03-02T09:00:00.000Z', recordedBy: 'x' };
const exit = (outcome: 'employment' | 'training' | 'improved_prospects' | 'none') => ({ date: '2026-05-04', outcome, situation: SITUATION, recordedAt: 'x', recordedBy: 'y' });
const p = (extra: Record<string, unknown> = {}) => storedParticipant({ createdAt: '2026-02-28T23:30:00.000Z', ...extra }) as any;

describe('what a participant contributes to the figures', () => {
  it('counts a registered person once at their site and Berlin entry day, with the entry answers', () => {
    const c = contributionOf(p({ entry: { ...p().entry, employment: { status: 'long_term_unemployed' }, part2: { ...p().entry.part2, migrantBackground: 'yes' } } }))!;
    // 23:30 UTC on 28 February is 1 March in Berlin.
    expect(c).toEqual({ site: 'marxloh', day: '2026-03-01', participants: 1, unemployed: 1, longTermUnemployed: 1, migrantBackground: 1, employment: 0, training: 0, improvedProspects: 0 });
    expect(contributionOf(p({ entry: { ...p().entry, employment: { status: 'inactive' } } }))).toMatchObject({ unemployed: 0, longTermUnemployed: 0, migrantBackground: 0 });
  });

  it('counts nobody withdrawn before taking part, but someone who withdrew after the first contact', () => {
    const withdrawal = { reason: 'other', recordedAt: 'x', recordedBy: 'y' };
    expect(contributionOf(p({ status: 'withdrawn', withdrawal }))).toBeUndefined();
    expect(contributionOf(p({ status: 'withdrawn', withdrawal, firstContact: contact }))).toMatchObject({ participants: 1 });
  });

  it('takes the outcome from the exit in force: one of employment, training, improved prospects, or none', () => {
    expect(contributionOf(p({ exit: exit('employment') }))).toMatchObject({ employment: 1, training: 0, improvedProspects: 0 });
    expect(contributionOf(p({ exit: exit('training') }))).toMatchObject({ employment: 0, training: 1, improvedProspects: 0 });
    expect(contributionOf(p({ exit: exit('improved_prospects') }))).toMatchObject({ employment: 0, training: 0, improvedProspects: 1 });
    expect(contributionOf(p({ exit: exit('none') }))).toMatchObject({ employment: 0, training: 0, improvedProspects: 0, participants: 1 });
  });

  it('moves a correction within one counter, a handover between two, a withdrawal out', () => {
    const before = contributionOf(p({ exit: exit('none') }))!;
    const after = contributionOf(p({ exit: exit('employment') }))!;
    expect(sameContribution(before, after)).toBe(false);
    expect(counterDeltas(before, after)).toEqual([{ site: 'marxloh', day: '2026-03-01', delta: { ...zeroCounts(), employment: 1 } }]);
    const moved = { ...before, site: 'hochfeld' };
    expect(counterDeltas(before, moved).map((d) => [d.site, d.delta.participants])).toEqual([['marxloh', -1], ['hochfeld', 1]]);
    expect(counterDeltas(before, undefined)[0]!.delta).toMatchObject({ participants: -1, unemployed: -1 });
    expect(counterDeltas(undefined, undefined)).toEqual([]);
  });

  it('placement rate: (employment + training) / participants, 0 when there are none (Duisburg: 24.5 %)', () => {
    expect(placementRate(zeroCounts())).toBe(0);
    const duisburg = { participants: 827, unemployed: 670, longTermUnemployed: 417, migrantBackground: 735, employment: 171, training: 32, improvedProspects: 222 };
    expect(germanPercent(placementRate(duisburg))).toBe('24,5');
  });
});

describe('the exit rules', () => {
  it('an exit needs a first contact, and neither a withdrawal nor an exit before it', () => {
    expect(exitRefusal({ status: 'new' })).toBe('exit_needs_first_contact');
    expect(exitRefusal({ status: 'contacted', firstContact: contact })).toBeUndefined();
    expect(exitRefusal({ status: 'withdrawn', firstContact: contact })).toBe('participant_withdrawn_exit');
    expect(exitRefusal({ status: 'exited', firstContact: contact })).toBe('participant_exited');
    expect(correctionRefusal({ status: 'contacted' })).toBe('exit_not_recorded');
    expect(correctionRefusal({ status: 'exited', exit: exit('none') })).toBeUndefined();
  });

  it('the exit day: not in the future, not before the first contact', () => {
    expect(exitDateProblems('2026-05-05', '2026-05-04', '2026-03-02')).toEqual([{ path: ['date'], code: 'date_in_future' }]);
    expect(exitDateProblems('2026-03-01', '2026-05-04', '2026-03-02')).toEqual([{ path: ['date'], code: 'exit_before_first_contact' }]);
    expect(exitDateProblems('2026-03-02', '2026-05-04', '2026-03-02')).toEqual([]);
  });

  it('the details belong to their outcome', () => {
    const base = { version: 1, date: '2026-05-04', situation: SITUATION };
    const issues = (body: unknown, schema: typeof ExitInput | typeof ExitCorrectionInput = ExitInput) => {
      const r = schema.safeParse(body);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}`).sort();
    };
    expect(issues({ ...base, outcome: 'employment', employmentKind: 'self_employed', employerName: 'Eigene Werkstatt' })).toEqual([]);
    expect(issues({ ...base, outcome: 'training', trainingOccupation: 'Kauffrau für Büromanagement' })).toEqual([]);
    expect(issues({ ...base, outcome: 'improved_prospects', improvedReason: 'recognition_achieved' })).toEqual([]);
    expect(issues({ ...base, outcome: 'improved_prospects' })).toEqual(['improvedReason']);
    expect(issues({ ...base, outcome: 'improved_prospects', improvedReason: 'other' })).toEqual(['improvedReasonText']);
    expect(issues({ ...base, outcome: 'none', improvedReason: 'other', improvedReasonText: 'x', trainingOccupation: 'y' })).toEqual(['improvedReason', 'trainingOccupation']);
    expect(issues({ ...base, outcome: 'training', employmentKind: 'marginal' })).toEqual(['employmentKind']);
    expect(issues({ ...base, outcome: 'none', unknown: 1 })).toEqual(['']);
    expect(issues({ ...base, outcome: 'none' }, ExitCorrectionInput)).toEqual(['reason']);
  });

  it("offers a placement's hiring feedback first, else a full recognition decision; never a 'none'", () => {
    const fb = (outcome: string, at: string) => ({ outcome, at, by: 'employer' });
    const placements = [storedPlacement({ id: 'a'.repeat(32), feedback: fb('none', '2026-04-01') }), storedPlacement({ id: 'b'.repeat(32), feedback: fb('apprenticeship', '2026-04-02') })] as any;
    expect(suggestedOutcome(placements, [])).toEqual({ outcome: 'training', improvedReason: null, source: 'placement', sourceId: 'b'.repeat(32), at: '2026-04-02' });
    const decided = { id: 'c'.repeat(32), updatedAt: 'u', facts: [{ id: 'f1', type: 'decision', date: '2026-04-03', result: 'full', recordedAt: '2026-04-03T10:00:00Z', recordedBy: 'x' }] } as any;
    expect(suggestedOutcome([placements[0]], [decided])).toMatchObject({ outcome: 'improved_prospects', improvedReason: 'recognition_achieved', source: 'recognition' });
    expect(suggestedOutcome([placements[0]], [{ ...decided, facts: [{ ...decided.facts[0], result: 'partial' }] }])).toBeUndefined();
  });
});

describe('the report rows and the CSV', () => {
  it('one row per site and month, the site totals and the project total', () => {
    const day = (d: string, n: number, employment = 0) => ({ ...zeroCounts(), day: d, participants: n, employment });
    const rows = kpiRows([
      { name: 'BIWAQ Marxloh', days: [day('2026-02-03', 2, 1), day('2026-01-31', 1), day('2026-02-28', 1)] },
      { name: 'BIWAQ Hochfeld', days: [day('2026-01-02', 4, 1)] },
    ]);
    expect(rows.map((r) => [r.site, r.month, r.counts.participants, r.rate])).toEqual([
      ['BIWAQ Marxloh', '2026-01', 1, 0],
      ['BIWAQ Marxloh', '2026-02', 3, 1 / 3],
      ['BIWAQ Marxloh', 'gesamt', 4, 0.25],
      ['BIWAQ Hochfeld', '2026-01', 4, 0.25],
      ['BIWAQ Hochfeld', 'gesamt', 4, 0.25],
      ['Alle Standorte', 'gesamt', 8, 0.25],
    ]);
  });

  it('quotes what needs quoting, defuses formulas, writes numbers as numbers', () => {
    expect(CSV_BOM).toBe('\uFEFF');
    expect(csvLine(['Müller; Söhne', 'sagt "ja"', 3, null, '=HYPERLINK("x")', '-1'])).toBe('"Müller; Söhne";"sagt ""ja""";3;;"\'=HYPERLINK(""x"")";\'-1\r\n');
  });

  it('age at entry in full years', () => {
    expect(ageOn('1987-05-17', '2026-05-16')).toBe(38);
    expect(ageOn('1987-05-17', '2026-05-17')).toBe(39);
  });

  it('a period ends on or after its start', () => {
    expect(KpiQuery.safeParse({ from: '2026-02-01', to: '2026-01-31' }).success).toBe(false);
    expect(KpiQuery.safeParse({ from: '2026-02-30' }).success).toBe(false);
    expect(KpiQuery.safeParse({ site: 'marxloh', from: '2026-01-01', to: '2026-01-01' }).success).toBe(true);
  });
});
