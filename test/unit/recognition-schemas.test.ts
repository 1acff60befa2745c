import { describe, expect, it } from 'vitest';
import { RecognitionCaseSchema, RecognitionFactSchema } from '../../schemas/model/recognition.js';
import {
  ChecklistSchema,
  ChecklistUpdateInput,
  DOCUMENT_KINDS,
  EU_EEA_CH_COUNTRIES,
  FACT_TYPES,
  isEuEeaSwissCountry,
  RecognitionCaseInput,
  RecognitionCostInput,
  RecognitionFactInput,
} from '../../schemas/recognition.js';
import { COUNTRY_CODES } from '../../schemas/countries.js';
import { DOCUMENTS } from '../../schemas/intake-options.js';
import { problemsFromZod } from '../../schemas/validation-errors.js';

const caseBody = (extra: Record<string, unknown> = {}) => ({
  participantId: 'a'.repeat(32),
  qualification: { country: 'SY', title: 'دبلوم تمريض', profession: 'Pflegefachkraft', year: 2015 },
  regulated: true,
  fastTrack: false,
  competentBody: 'bezirksregierung',
  ...extra,
});

const codes = (r: { success: boolean; error?: { issues: readonly unknown[] } }) =>
  r.success ? [] : problemsFromZod(r.error!.issues as never).map((p) => `${p.path.join('.')}:${p.code}`);

describe('the case contract', () => {
  it('takes the documented fields', () => {
    expect(RecognitionCaseInput.safeParse(caseBody()).success).toBe(true);
    const full = RecognitionCaseInput.parse(
      caseBody({
        competentBody: 'other',
        competentBodyName: 'Landesamt für Soziales',
        euQualification: true,
        referenceProfession: 'Pflegefachfrau',
        payer: 'anerkennungszuschuss',
        grantAppliedOn: '2027-02-01',
        note: 'Termin im März',
      }),
    );
    expect(full.competentBodyName).toBe('Landesamt für Soziales');
  });

  it.each([
    ['an unknown field', { costs: 1 }, 'costs:unknown_field'],
    ['an unknown body', { competentBody: 'ihk' }, 'competentBody:invalid_option'],
    ['`other` without a name', { competentBody: 'other' }, 'competentBodyName:required'],
    ['a name for a known body', { competentBodyName: 'x' }, 'competentBodyName:not_applicable'],
    ['a lowercase country', { qualification: { country: 'sy', title: 'x', profession: 'y', year: 2015 } }, 'qualification.country:invalid_option'],
    ['an unknown payer', { payer: 'employer' }, 'payer:invalid_option'],
    ['no fastTrack', { fastTrack: undefined }, 'fastTrack:required'],
  ])('refuses %s', (_what, extra, code) => {
    expect(codes(RecognitionCaseInput.safeParse(caseBody(extra)))).toContain(code);
  });

  it('costs in cents on a real date', () => {
    expect(RecognitionCostInput.safeParse({ date: '2027-03-01', kind: 'fee', amountCents: 10000 }).success).toBe(true);
    expect(RecognitionCostInput.safeParse({ date: '2027-02-29', kind: 'fee', amountCents: 10000 }).success).toBe(false);
    expect(RecognitionCostInput.safeParse({ date: '2027-03-01', kind: 'fee', amountCents: 1.5 }).success).toBe(false);
  });
});

describe('the checklist', () => {
  it('names the §5 documents as the intake does', () => {
    const intake = new Set<string>(DOCUMENTS);
    expect(DOCUMENT_KINDS.filter((k) => !intake.has(k))).toEqual(['no_earlier_application']);
  });

  it('holds every document once', () => {
    const item = { state: 'missing', since: '2027-02-01' };
    const all = Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, item]));
    expect(ChecklistSchema.safeParse(all).success).toBe(true);
    const { translations: _, ...short } = all;
    expect(ChecklistSchema.safeParse(short).success).toBe(false);
    expect(ChecklistSchema.safeParse({ ...all, passport: item }).success).toBe(false);
    expect(ChecklistUpdateInput.safeParse({ kind: 'certificates', state: 'translation_ordered' }).success).toBe(true);
    expect(ChecklistUpdateInput.safeParse({ kind: 'certificates', state: 'lost' }).success).toBe(false);
  });
});

describe('the fact contract', () => {
  const valid: Record<(typeof FACT_TYPES)[number], Record<string, unknown>> = {
    application_received: {},
    receipt_confirmed: { missingDocuments: ['Nachweis der Berufserfahrung'] },
    documents_requested: { periodEnds: '2027-04-30' },
    skills_analysis_started: {},
    skills_analysis_ended: {},
    documents_complete: {},
    extension_granted: { months: 1, reason: 'Gutachten' },
    decision: { result: 'partial', differences: ['Praxisanteil Intensivpflege'] },
    adaptation_planned: { measure: 'Anpassungslehrgang' },
    adaptation_started: {},
    adaptation_completed: {},
    withdrawn: { reason: 'Umzug' },
  };

  it.each(FACT_TYPES)('takes %s with its fields, and a supersedes', (type) => {
    expect(RecognitionFactInput().safeParse({ type, date: '2027-04-01', ...valid[type] }).success).toBe(true);
    expect(RecognitionFactInput().safeParse({ type, date: '2027-04-01', ...valid[type], supersedes: 'b'.repeat(32) }).success).toBe(true);
    expect(RecognitionFactInput().safeParse({ type, date: '2027-04-01', ...valid[type], extra: 1 }).success).toBe(false);
    expect(RecognitionFactInput().safeParse({ type, date: '2027-04-31', ...valid[type] }).success).toBe(false);
  });

  it.each([
    ['an unknown type', { type: 'appeal', date: '2027-04-01' }, 'type:invalid_type'],
    ['an extension in months and weeks', { type: 'extension_granted', date: '2027-04-01', months: 1, weeks: 2, reason: 'x' }, 'months:months_or_weeks'],
    ['an extension without a length', { type: 'extension_granted', date: '2027-04-01', reason: 'x' }, 'months:months_or_weeks'],
    ['an extension without a reason', { type: 'extension_granted', date: '2027-04-01', weeks: 2 }, 'reason:required'],
    ['an extension of 0 months', { type: 'extension_granted', date: '2027-04-01', months: 0, reason: 'x' }, 'months:too_small'],
    ['a request period ending before it was sent', { type: 'documents_requested', date: '2027-04-10', periodEnds: '2027-04-09' }, 'periodEnds:period_ends_before_date'],
    ['a decision without a result', { type: 'decision', date: '2027-04-01' }, 'result:invalid_option'],
    ['a decision with an unknown result', { type: 'decision', date: '2027-04-01', result: 'equivalent' }, 'result:invalid_option'],
    ['a withdrawal without a reason', { type: 'withdrawn', date: '2027-04-01' }, 'reason:required'],
    ['a malformed supersedes', { type: 'application_received', date: '2027-04-01', supersedes: 'fact-1' }, 'supersedes:invalid_type'],
  ])('refuses %s', (_what, body, code) => {
    expect(codes(RecognitionFactInput().safeParse(body))).toContain(code);
  });

  it('stores a fact with its id and who recorded it', () => {
    const stored = { type: 'documents_complete', date: '2027-04-03', id: 'c'.repeat(32), recordedAt: '2027-04-03T10:00:00.000Z', recordedBy: 'sub-1', role: 'staff' };
    expect(RecognitionFactSchema().safeParse(stored).success).toBe(true);
    expect(RecognitionFactSchema().safeParse({ ...stored, id: undefined }).success).toBe(false);
    expect(
      RecognitionCaseSchema().safeParse({
        ...caseBody(),
        id: 'd'.repeat(32),
        site: 'marxloh',
        participantReference: 'AB12-CD34',
        checklist: Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, { state: 'missing', since: '2027-02-01' }])),
        costs: [],
        facts: [stored],
        createdAt: '2027-02-01T09:00:00.000Z',
        createdBy: 'sub-1',
        updatedAt: '2027-04-03T10:00:00.000Z',
        version: 2,
      }).success,
    ).toBe(true);
  });
});

describe('EU, EEA and Switzerland', () => {
  it('are 27 + 3 + 1 ISO codes, each a known country, uppercase, once', () => {
    expect(EU_EEA_CH_COUNTRIES).toHaveLength(31);
    expect(new Set(EU_EEA_CH_COUNTRIES).size).toBe(31);
    expect(EU_EEA_CH_COUNTRIES.every((c) => COUNTRY_CODES.includes(c))).toBe(true);
    expect(isEuEeaSwissCountry('GR')).toBe(true);
    expect(isEuEeaSwissCountry('EL')).toBe(false);
    expect(isEuEeaSwissCountry('pl')).toBe(false);
    expect(isEuEeaSwissCountry('GB')).toBe(false);
  });
});
