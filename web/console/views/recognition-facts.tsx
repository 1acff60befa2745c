import { useState } from 'preact/hooks';
import type { DecisionResult, FactType } from '../../../schemas/recognition.js';
import type { BodyOf } from '../../common/api-client.js';
import { berlinToday, formatDateTime, formatDay } from '../app/format.js';
import { DECISION_RESULT_LABELS, FACT_TYPE_LABELS, ROLE_LABELS, labelOf } from '../app/labels.js';
import { allowedText, lengthText, linesOf, refusalText } from '../app/recognition-text.js';
import { call } from '../app/session.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Buttons, Choices, Conflict, FormFrame, oneLine, useSend, type FieldErrors, type FormProps, type Saved } from '../components/forms.js';

/**
 * The facts of a recognition procedure: the form that records one (the type among those the case
 * allows next, then the fields that type has) or corrects one (a new fact that supersedes it;
 * nothing is edited), and the facts as a timeline, a corrected one struck through. A fact the
 * rules refuse comes back as a 409 with the allowed next facts, said in German at the form.
 */

export type RecognitionRecord = BodyOf<'GetRecognitionCase'>;
export type Fact = RecognitionRecord['facts'][number];

export interface FactDraft {
  type: FactType | '';
  date: string;
  missingDocuments: string;
  periodEnds: string;
  unit: 'months' | 'weeks';
  amount: string;
  reason: string;
  result: DecisionResult | '';
  differences: string;
  measure: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A draft for a new fact, or one prefilled from the fact it corrects. */
export function factDraft(today: string, from?: Fact): FactDraft {
  const f = (from ?? {}) as Record<string, unknown>;
  const months = typeof f['months'] === 'number' ? f['months'] : undefined;
  const weeks = typeof f['weeks'] === 'number' ? f['weeks'] : undefined;
  const lines = (v: unknown) => (Array.isArray(v) ? v.join('\n') : '');
  return {
    type: from?.type ?? '',
    date: from?.date ?? today,
    missingDocuments: lines(f['missingDocuments']),
    periodEnds: str(f['periodEnds']),
    unit: weeks !== undefined ? 'weeks' : 'months',
    amount: String(months ?? weeks ?? ''),
    reason: str(f['reason']),
    result: (str(f['result']) as DecisionResult) || '',
    differences: lines(f['differences']),
    measure: str(f['measure']),
  };
}

/** The request body for a draft (the fields its type has, nothing else: the API's union is strict). */
export function factBody(d: FactDraft, version: number, supersedes?: string) {
  const base = { version, date: d.date, ...(supersedes ? { supersedes } : {}) };
  const measure = oneLine(d.measure);
  switch (d.type as FactType) {
    case 'receipt_confirmed': {
      const missing = linesOf(d.missingDocuments);
      return { ...base, type: 'receipt_confirmed' as const, ...(missing.length ? { missingDocuments: missing } : {}) };
    }
    case 'documents_requested':
      return { ...base, type: 'documents_requested' as const, periodEnds: d.periodEnds };
    case 'extension_granted':
      return { ...base, type: 'extension_granted' as const, reason: oneLine(d.reason), ...(d.unit === 'weeks' ? { weeks: Number(d.amount) } : { months: Number(d.amount) }) };
    case 'decision': {
      const differences = linesOf(d.differences);
      return { ...base, type: 'decision' as const, result: d.result as DecisionResult, ...(differences.length ? { differences } : {}) };
    }
    case 'adaptation_planned':
    case 'adaptation_started':
    case 'adaptation_completed':
      return { ...base, type: d.type as 'adaptation_planned', ...(measure ? { measure } : {}) };
    case 'withdrawn':
      return { ...base, type: 'withdrawn' as const, reason: oneLine(d.reason) };
    default:
      return { ...base, type: d.type as 'application_received' };
  }
}

/** What the form checks before sending (the API checks the same and more). */
export function validateFact(d: FactDraft, today: string, extensionCapped: boolean): FieldErrors {
  const e: FieldErrors = {};
  if (!d.type) e['type'] = 'Bitte wählen Sie, was geschehen ist.';
  if (!d.date) e['date'] = 'Bitte geben Sie das Datum an.';
  else if (d.date > today) e['date'] = 'Das Datum darf nicht in der Zukunft liegen.';
  if (d.type === 'documents_requested') {
    if (!d.periodEnds) e['periodEnds'] = 'Bitte geben Sie an, bis wann die Stelle die Unterlagen erwartet.';
    else if (d.date && d.periodEnds < d.date) e['periodEnds'] = 'Die Frist der Stelle darf nicht vor dem Tag der Nachforderung enden.';
  }
  if (d.type === 'extension_granted') {
    const n = Number(d.amount);
    const max = d.unit === 'months' ? (extensionCapped ? 1 : 12) : extensionCapped ? 4 : 52;
    if (!d.amount.trim()) e['amount'] = 'Bitte geben Sie an, um wie viel die Frist verlängert wurde.';
    else if (!/^\d+$/.test(d.amount.trim()) || n < 1 || n > max)
      e['amount'] = extensionCapped
        ? 'Bei einem EU-Abschluss in einem reglementierten Beruf höchstens 1 Monat oder 4 Wochen (§ 13 Abs. 3 Satz 4 BQFG).'
        : `Bitte eine ganze Zahl von 1 bis ${max}.`;
    if (!oneLine(d.reason)) e['reason'] = 'Bitte geben Sie den Grund an, den die Stelle genannt hat.';
  }
  if (d.type === 'decision' && !d.result) e['result'] = 'Bitte wählen Sie das Ergebnis des Bescheids.';
  if (d.type === 'withdrawn' && !oneLine(d.reason)) e['reason'] = 'Bitte geben Sie kurz den Grund an.';
  return e;
}

type FactFormProps = Omit<FormProps, 'participantId'> & {
  caseId: string;
  /** What may be recorded next (the API's `allowedNext`). */
  allowed: readonly FactType[];
  extensionCapped: boolean;
  /** The fact this one corrects. */
  correct?: Fact | undefined;
};

const UNITS = { months: 'Monate', weeks: 'Wochen' } as const;

export function FactForm(props: FactFormProps) {
  const today = berlinToday();
  const [draft, setDraft] = useState<FactDraft>(() => factDraft(today, props.correct));
  const update = (patch: Partial<FactDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const { state, submit, reload, formRef } = useSend(
    props,
    () => validateFact(draft, berlinToday(), props.extensionCapped),
    async () => {
      const res = await call('PostRecognitionEvent', { params: { id: props.caseId }, body: factBody(draft, props.version, props.correct?.id) });
      // A refusal names the fact types by their codes: say it again in German, with what may come next.
      const said = res.ok ? undefined : refusalText(res.body as Parameters<typeof refusalText>[0], draft.type as FactType, draft.date);
      return said && !res.ok ? { ...res, body: { ...res.body, message: said } } : res;
    },
    (): Saved => ({
      kind: 'fact',
      message: `${props.correct ? 'Korrektur gespeichert' : 'Gespeichert'}: ${FACT_TYPE_LABELS[draft.type as FactType]} am ${formatDay(draft.date)}.${
        draft.type === 'documents_requested' ? ' Die Entscheidungsfrist ist für die Zeit der Nachforderung gehemmt.' : ''
      }`,
    }),
  );
  const e = state.errors;
  const labels = Object.fromEntries(props.allowed.map((t) => [t, FACT_TYPE_LABELS[t]])) as Record<FactType, string>;
  const t = draft.type;
  const adaptation = t === 'adaptation_planned' || t === 'adaptation_started' || t === 'adaptation_completed';
  return (
    <FormFrame title={props.correct ? 'Eintrag korrigieren' : 'Schritt erfassen'} formRef={formRef} onSubmit={(ev) => void submit(ev)}>
      {props.correct ? (
        <p class="muted">
          Ersetzt „{FACT_TYPE_LABELS[props.correct.type]}“ vom {formatDay(props.correct.date)}. Der alte Eintrag bleibt durchgestrichen im Verlauf; die Fristen rechnen mit dem neuen.
        </p>
      ) : (
        <p class="muted">Was die Stelle getan hat oder was geschehen ist, mit dem Datum laut Schreiben. Die Fristen werden danach neu berechnet.</p>
      )}
      <Conflict state={state} onReload={() => void reload()} />
      {props.correct ? (
        <SelectField
          id="fact-type"
          label="Was ist geschehen?"
          value={draft.type}
          options={(Object.keys(FACT_TYPE_LABELS) as FactType[]).map((k) => ({ value: k, label: FACT_TYPE_LABELS[k] }))}
          error={e['type']}
          onChange={(type) => update({ type })}
        />
      ) : (
        <Choices name="fact-type" legend="Was ist geschehen?" labels={labels} value={draft.type} error={e['type']} single onChange={(type) => update({ type })} />
      )}
      <TextField id="fact-date" type="date" label="Datum" value={draft.date} max={10} maxDate={today} error={e['date']} onInput={(date) => update({ date })} />
      {t === 'receipt_confirmed' && (
        <TextAreaField
          id="fact-missing"
          label="Fehlende Unterlagen laut Bestätigung"
          optional
          help="Eine Unterlage pro Zeile, wie die Stelle sie nennt."
          value={draft.missingDocuments}
          max={6000}
          error={e['missingDocuments']}
          onInput={(missingDocuments) => update({ missingDocuments })}
        />
      )}
      {t === 'documents_requested' && (
        <TextField
          id="fact-periodEnds"
          type="date"
          label="Frist der Stelle bis"
          help="Bis zu diesem Tag ist die Entscheidungsfrist gehemmt (jeder Tag ab der Nachforderung zählt mit)."
          value={draft.periodEnds}
          max={10}
          min={draft.date || undefined}
          error={e['periodEnds']}
          onInput={(periodEnds) => update({ periodEnds })}
        />
      )}
      {t === 'extension_granted' && (
        <>
          <Choices name="fact-unit" legend="Verlängert um" labels={UNITS} value={draft.unit} error={undefined} onChange={(unit) => update({ unit })} />
          <TextField
            id="fact-amount"
            label={`Anzahl ${UNITS[draft.unit]}`}
            inputMode="numeric"
            help={props.extensionCapped ? 'EU-Abschluss, reglementierter Beruf: höchstens 1 Monat oder 4 Wochen.' : 'Die Frist darf nur einmal verlängert werden.'}
            value={draft.amount}
            max={2}
            error={e['amount'] ?? e['months'] ?? e['weeks']}
            onInput={(amount) => update({ amount })}
          />
        </>
      )}
      {t === 'decision' && (
        <>
          <Choices name="fact-result" legend="Ergebnis" labels={DECISION_RESULT_LABELS} value={draft.result} error={e['result']} single onChange={(result) => update({ result })} />
          {draft.result && draft.result !== 'full' && (
            <TextAreaField
              id="fact-differences"
              label="Wesentliche Unterschiede laut Bescheid"
              optional
              help="Einer pro Zeile. Bei einer Ausgleichsmaßnahme: teilweise Gleichwertigkeit wählen."
              value={draft.differences}
              max={15000}
              error={e['differences']}
              onInput={(differences) => update({ differences })}
            />
          )}
        </>
      )}
      {adaptation && (
        <TextField
          id="fact-measure"
          label="Maßnahme"
          optional
          help="Zum Beispiel Anpassungslehrgang, Kenntnisprüfung, Eignungsprüfung, mit Träger."
          value={draft.measure}
          max={200}
          error={e['measure']}
          onInput={(measure) => update({ measure })}
        />
      )}
      {(t === 'extension_granted' || t === 'withdrawn') && (
        <TextField
          id="fact-reason"
          label={t === 'withdrawn' ? 'Grund der Rücknahme' : 'Grund der Verlängerung'}
          value={draft.reason}
          max={500}
          error={e['reason']}
          onInput={(reason) => update({ reason })}
        />
      )}
      <Buttons sending={state.sending} label={props.correct ? 'Korrektur speichern' : 'Schritt speichern'} onCancel={props.onCancel} />
    </FormFrame>
  );
}

/** What a fact says beyond its type and date. */
function factDetails(f: Fact): string[] {
  switch (f.type) {
    case 'receipt_confirmed':
      return f.missingDocuments?.length ? [`Fehlende Unterlagen: ${f.missingDocuments.join('; ')}`] : [];
    case 'documents_requested':
      return [`Frist der Stelle bis ${formatDay(f.periodEnds)}`];
    case 'extension_granted':
      return [`um ${lengthText(f.months !== undefined ? { months: f.months } : { weeks: f.weeks ?? 0 })}`, `Grund: „${f.reason}“`];
    case 'decision':
      return [DECISION_RESULT_LABELS[f.result], ...(f.differences?.length ? [`Unterschiede: ${f.differences.join('; ')}`] : [])];
    case 'adaptation_planned':
    case 'adaptation_started':
    case 'adaptation_completed':
      return f.measure ? [`Maßnahme: ${f.measure}`] : [];
    case 'withdrawn':
      return [`Grund: „${f.reason}“`];
    default:
      return [];
  }
}

/** The facts in date order (same date: as recorded), a corrected one struck through and marked. */
export function FactsSection({ record, me, onCorrect }: { record: RecognitionRecord; me: { sub: string }; onCorrect: ((f: Fact) => void) | null }) {
  const order = new Map(record.facts.map((f, i) => [f.id, i]));
  const facts = [...record.facts].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order.get(a.id)! - order.get(b.id)!));
  const byId = new Map(record.facts.map((f) => [f.id, f]));
  return (
    <section class="card" aria-labelledby="facts-title">
      <h2 id="facts-title">Verlauf des Verfahrens</h2>
      {facts.length === 0 ? (
        <p class="muted">{record.case.draft ? 'Ein Entwurf hat noch keinen Verlauf.' : 'Noch nichts erfasst. Der erste Schritt ist meist „Antrag bei der Stelle eingegangen“.'}</p>
      ) : (
        <ol class="timeline fact-list">
          {facts.map((f) => {
            const corrects = f.supersedes ? byId.get(f.supersedes) : undefined;
            const by = f.role ? `${labelOf(ROLE_LABELS, f.role)} (ID ${f.recordedBy.slice(0, 8)}${f.recordedBy === me.sub ? ', Sie' : ''})` : `ID ${f.recordedBy.slice(0, 8)}`;
            return (
              <li key={f.id} class={f.inForce ? 'timeline__item timeline__item--done fact' : 'timeline__item fact fact--superseded'}>
                <span class="timeline__when">
                  <time dateTime={f.date}>{formatDay(f.date)}</time>
                </span>
                <span class="timeline__what">
                  {f.inForce ? <strong>{FACT_TYPE_LABELS[f.type]}</strong> : <del>{FACT_TYPE_LABELS[f.type]}</del>}
                  {!f.inForce && <span class="badge badge--corrected">korrigiert</span>}
                </span>
                {factDetails(f).map((line, i) => (
                  <span key={i} class={f.inForce ? 'fact__detail' : 'fact__detail fact__detail--superseded'}>
                    <bdi>{line}</bdi>
                  </span>
                ))}
                <span class="fact__meta">
                  erfasst am {formatDateTime(f.recordedAt)} von {by}
                  {corrects ? ` · korrigiert den Eintrag „${FACT_TYPE_LABELS[corrects.type]}“ vom ${formatDay(corrects.date)}` : ''}
                </span>
                {f.inForce && onCorrect && (
                  <button type="button" class="button button--secondary button--inline" onClick={() => onCorrect(f)}>
                    Korrigieren<span class="visually-hidden">: {FACT_TYPE_LABELS[f.type]} vom {formatDay(f.date)}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!record.case.draft && record.state !== 'closed' && record.state !== 'withdrawn' && (
        <p class="muted">Als Nächstes möglich: {allowedText(record.allowedNext)}.</p>
      )}
    </section>
  );
}
