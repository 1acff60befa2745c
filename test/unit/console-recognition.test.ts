import { describe, expect, it } from 'vitest';
import { recognitionDeadlines } from '../../functions/domain/recognition-deadlines.js';
import {
  COMPETENT_BODIES,
  COST_KINDS,
  DECISION_RESULTS,
  DOCUMENT_KINDS,
  DOCUMENT_STATES,
  FACT_TYPES,
  PAYERS,
  RECOGNITION_CASE_STATES,
} from '../../schemas/recognition.js';
import * as L from '../../web/console/app/labels.js';
import { allowedText, bodyText, deadlineStatusText, deadlineStepLines, formatEuro, linesOf, parseEuro, refusalText } from '../../web/console/app/recognition-text.js';
import { factBody, factDraft, validateFact } from '../../web/console/views/recognition-facts.js';

/** The console's recognition parts that need no browser: labels for every code, deadlines in words, the fact form's body. */

describe('recognition labels', () => {
  const cases: [string, readonly string[], Record<string, string>][] = [
    ['case state', RECOGNITION_CASE_STATES, L.RECOGNITION_STATE_LABELS],
    ['competent body', COMPETENT_BODIES, L.COMPETENT_BODY_LABELS],
    ['payer', PAYERS, L.PAYER_LABELS],
    ['cost kind', COST_KINDS, L.COST_KIND_LABELS],
    ['document', DOCUMENT_KINDS, L.RECOGNITION_DOCUMENT_LABELS],
    ['document state', DOCUMENT_STATES, L.DOCUMENT_STATE_LABELS],
    ['fact type', FACT_TYPES, L.FACT_TYPE_LABELS],
    ['decision result', DECISION_RESULTS, L.DECISION_RESULT_LABELS],
  ];
  it.each(cases)('every %s of the contracts has a label, and no label is a code', (_name, codes, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    for (const [code, label] of Object.entries(labels)) {
      expect(label).not.toBe(code);
      expect(label).not.toContain('_');
    }
  });

  it('labels the audit actions the recognition routes write', () => {
    for (const a of ['created', 'opened', 'read', 'fact', 'documents', 'cost']) expect(L.AUDIT_ACTIONS[`recognition.${a}`]).toBeTruthy();
  });

  it('names the body, or the name entered for another one', () => {
    expect(bodyText('ihk_fosa', null)).toBe('IHK FOSA');
    expect(bodyText('other', 'Bezirksregierung Düsseldorf')).toBe('Bezirksregierung Düsseldorf');
    expect(bodyText(null, null)).toBe('noch offen');
  });
});

describe('deadlines in words, from the domain\'s steps', () => {
  const terms = { regulated: false, fastTrack: false };
  const fact = (id: string, f: Record<string, unknown>) => ({ id, ...f }) as never;

  it('explains the worked example: 3 months, extended by 1 month, 12 days suspended, due on a Friday', () => {
    const facts = [
      fact('a', { type: 'application_received', date: '2026-09-01' }),
      fact('b', { type: 'receipt_confirmed', date: '2026-09-20' }),
      fact('c', { type: 'documents_complete', date: '2026-10-31' }),
      fact('d', { type: 'documents_requested', date: '2026-11-20', periodEnds: '2026-12-01' }),
      fact('e', { type: 'extension_granted', date: '2027-01-10', months: 1, reason: 'Gutachten' }),
    ];
    const d = recognitionDeadlines(terms, facts, '2027-02-01').decision!;
    expect(d.due).toBe('2027-03-12');
    expect(deadlineStepLines('decision', d)).toEqual([
      'Unterlagen vollständig am 31.10.2026 (dieser Tag zählt nicht mit)',
      '3 Monate → 31.01.2027',
      'verlängert um 1 Monat → 28.02.2027 (Grund: „Gutachten“)',
      'gehemmt: Unterlagen nachgefordert 20.11.2026 – 01.12.2026',
      '12 Tage gehemmt → 12.03.2027',
    ]);
    expect(deadlineStatusText(d)).toBe('offen');
  });

  it('says a shift to the next working day, an open end, and a deadline met late', () => {
    const shifted = recognitionDeadlines(terms, [fact('c', { type: 'documents_complete', date: '2027-04-03' })], '2027-05-01').decision!;
    expect(deadlineStepLines('decision', shifted).at(-1)).toBe('03.07.2027 (Samstag) → nächster Werktag 05.07.2027');
    const open = recognitionDeadlines(terms, [fact('c', { type: 'documents_complete', date: '2027-04-03' }), fact('s', { type: 'skills_analysis_started', date: '2027-05-01' })], '2027-05-02').decision!;
    expect(deadlineStepLines('decision', open).slice(-2)).toEqual(['gehemmt: Qualifikationsanalyse seit 01.05.2027, noch ohne Ende', 'Fristende offen, bis die Qualifikationsanalyse endet']);
    const late = recognitionDeadlines(terms, [fact('a', { type: 'application_received', date: '2027-01-04' }), fact('b', { type: 'receipt_confirmed', date: '2027-02-10' })], '2027-03-01').receipt!;
    expect(deadlineStatusText(late)).toBe('erledigt, aber zu spät (am 10.02.2027)');
    expect(deadlineStepLines('receipt', late)).toEqual(['Antrag eingegangen am 04.01.2027 (dieser Tag zählt nicht mit)', '1 Monat → 04.02.2027']);
  });
});

describe('the fact form', () => {
  it('sends only the fields of the chosen type', () => {
    const d = { ...factDraft('2027-03-10'), type: 'documents_requested' as const, date: '2027-03-01', periodEnds: '2027-03-20', reason: 'left over' };
    expect(factBody(d, 4)).toEqual({ version: 4, date: '2027-03-01', type: 'documents_requested', periodEnds: '2027-03-20' });
    const ext = { ...factDraft('2027-03-10'), type: 'extension_granted' as const, unit: 'weeks' as const, amount: '2', reason: ' Gutachten\nder Kammer ' };
    expect(factBody(ext, 5, 'f'.repeat(32))).toEqual({ version: 5, date: '2027-03-10', supersedes: 'f'.repeat(32), type: 'extension_granted', weeks: 2, reason: 'Gutachten der Kammer' });
    const decision = { ...factDraft('2027-03-10'), type: 'decision' as const, result: 'partial' as const, differences: 'Praxis Pflege\n\n Recht \n' };
    expect(factBody(decision, 6)).toMatchObject({ type: 'decision', result: 'partial', differences: ['Praxis Pflege', 'Recht'] });
  });

  it('prefills a correction from the fact it corrects', () => {
    const f = { id: 'x', type: 'extension_granted', date: '2027-01-10', weeks: 3, reason: 'Gutachten' } as never;
    expect(factDraft('2027-03-10', f)).toMatchObject({ type: 'extension_granted', date: '2027-01-10', unit: 'weeks', amount: '3', reason: 'Gutachten' });
  });

  it('checks what the API would refuse: a future date, a period ending before the request, a capped extension', () => {
    const base = factDraft('2027-03-10');
    expect(validateFact({ ...base, type: 'application_received', date: '2027-03-11' }, '2027-03-10', false)).toEqual({ date: 'Das Datum darf nicht in der Zukunft liegen.' });
    expect(Object.keys(validateFact({ ...base, type: 'documents_requested', periodEnds: '2027-03-01' }, '2027-03-10', false))).toEqual(['periodEnds']);
    expect(validateFact({ ...base, type: 'extension_granted', unit: 'months', amount: '2', reason: 'x' }, '2027-03-10', true)['amount']).toMatch(/höchstens 1 Monat oder 4 Wochen/);
    expect(validateFact({ ...base, type: 'extension_granted', unit: 'months', amount: '2', reason: 'x' }, '2027-03-10', false)).toEqual({});
  });

  it('says a refusal with labels and what fits there', () => {
    expect(refusalText({ code: 'recognition_fact_out_of_order', message: '…', allowed: ['receipt_confirmed', 'withdrawn'] }, 'decision', '2027-03-01')).toBe(
      '„Bescheid erhalten“ vom 01.03.2027 passt so nicht in den Ablauf des Verfahrens – oder ein schon erfasster späterer Schritt passt danach nicht mehr. An dieser Stelle möglich: Eingang bestätigt, Antrag zurückgezogen.',
    );
    expect(refusalText({ code: 'version_conflict' }, 'decision', '2027-03-01')).toBeUndefined();
    expect(allowedText([])).toBe('kein weiterer Schritt');
  });
});

describe('amounts and lines', () => {
  it('reads euro amounts as typed in German and shows them so', () => {
    expect(parseEuro('120')).toBe(12000);
    expect(parseEuro('89,50')).toBe(8950);
    expect(parseEuro('1.234,5 €')).toBe(123450);
    expect(parseEuro('12.50')).toBe(1250);
    expect(parseEuro('zwölf')).toBeUndefined();
    expect(formatEuro(12050).replace(/\s/g, ' ')).toBe('120,50 €');
    expect(linesOf(' a \n\n\tb  c\r\n')).toEqual(['a', 'b c']);
  });
});
