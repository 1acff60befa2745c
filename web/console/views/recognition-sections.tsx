import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { CostKind, DocumentKind, DocumentState } from '../../../schemas/recognition.js';
import { berlinToday, formatDateTime, formatDay, formatDue, formatWeekdayDay } from '../app/format.js';
import {
  COST_KIND_LABELS,
  DEADLINE_LABELS,
  DOCUMENT_STATE_LABELS,
  PAYER_LABELS,
  RECOGNITION_DOCUMENT_LABELS,
  REMINDER_LABELS,
  countryName,
  labelOf,
  type DeadlineKind,
} from '../app/labels.js';
import { bodyText, deadlineStatusText, deadlineStepLines, formatEuro, parseEuro } from '../app/recognition-text.js';
import { call } from '../app/session.js';
import { Notice } from '../components/common.js';
import { SelectField, TextField } from '../components/fields.js';
import { Buttons, Choices, Conflict, FieldError, FormFrame, NoteField, oneLine, useSend, type FieldErrors, type FormProps, type Saved } from '../components/forms.js';
import type { RecognitionRecord } from './recognition-facts.js';

/**
 * The parts of a recognition case's page: each deadline as a card (due day, status, basis, how it
 * was computed), the §5 checklist (a state per document, saved together on the version seen), the
 * costs with the Anerkennungszuschuss warning, and the case's own fields.
 */

type CaseFormProps = Omit<FormProps, 'participantId'> & { caseId: string };

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

type Deadline = NonNullable<RecognitionRecord['deadlines']['receipt']>;

function DeadlineCard({ kind, d }: { kind: DeadlineKind; d: Deadline & { suspendedDays?: number; extended?: boolean } }) {
  const id = `deadline-${kind}-title`;
  return (
    <section class={`card deadline deadline--${d.status}`} aria-labelledby={id}>
      <h2 id={id}>Frist: {DEADLINE_LABELS[kind]}</h2>
      <p class="deadline__due">
        <span>
          {d.due ? (
            <>
              {d.status === 'met' ? 'war fällig am' : 'fällig am'} <strong class="deadline__day">{formatWeekdayDay(d.due)}</strong>
            </>
          ) : (
            <strong>Fristende offen</strong>
          )}
        </span>{' '}
        <span class={`badge badge--deadline-${d.status}`}>{deadlineStatusText(d)}</span>
      </p>
      <dl class="facts">
        <Row label="Rechtsgrundlage">{d.basis}</Row>
        <Row label="Berechnung">
          <span class="deadline__explanation">{d.explanation}</span>
        </Row>
      </dl>
      <h3 class="facts__title">So wurde gerechnet</h3>
      <ol class="deadline__steps">
        {deadlineStepLines(kind, d).map((line, i) => (
          <li key={i}>
            <bdi>{line}</bdi>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The receipt and decision deadlines; before the application, what starts them. */
export function DeadlinesSection({ record }: { record: RecognitionRecord }) {
  const { receipt, decision } = record.deadlines;
  if (!receipt && !decision)
    return (
      <section class="card" aria-labelledby="deadlines-title">
        <h2 id="deadlines-title">Fristen</h2>
        <p class="muted">
          {record.state === 'withdrawn'
            ? 'Der Antrag ist zurückgezogen; es läuft keine Frist.'
            : 'Die Fristen der Stelle beginnen, sobald der Antrag bei ihr eingegangen ist (Schritt „Antrag bei der Stelle eingegangen“).'}
        </p>
      </section>
    );
  // The deadline still running comes first; one the body has met moves below it.
  const receiptCard = receipt && <DeadlineCard kind="receipt" d={receipt} />;
  const receiptFirst = receipt?.status !== 'met' || decision?.status === 'met';
  return (
    <>
      {receiptFirst && receiptCard}
      {decision ? (
        <DeadlineCard kind="decision" d={decision} />
      ) : (
        record.state !== 'withdrawn' && (
          <section class="card" aria-labelledby="deadline-decision-title">
            <h2 id="deadline-decision-title">Frist: {DEADLINE_LABELS.decision}</h2>
            <p class="muted">Beginnt, wenn die Unterlagen vollständig sind (Schritt „Unterlagen vollständig“).</p>
          </section>
        )
      )}
      {!receiptFirst && receiptCard}
    </>
  );
}

/** What the workflow reminds the team of, and whether it did. */
export function RemindersList({ record }: { record: RecognitionRecord }) {
  if (record.reminders.length === 0) return null;
  return (
    <>
      <h3 class="facts__title">Erinnerungen an das Team</h3>
      <ul class="audit">
        {record.reminders.map((r) => (
          <li key={`${r.kind}-${r.document ?? ''}-${r.due}`}>
            {labelOf(REMINDER_LABELS, r.kind)}
            {r.document ? ` (${labelOf(RECOGNITION_DOCUMENT_LABELS, r.document)})` : ''}: {r.sent ? 'versandt' : 'geplant'} {r.sent ? '' : `am ${formatDue(r.remindAt)}`}
          </li>
        ))}
      </ul>
    </>
  );
}

const KINDS = Object.keys(RECOGNITION_DOCUMENT_LABELS) as DocumentKind[];
const DOC_STATES = (Object.keys(DOCUMENT_STATE_LABELS) as DocumentState[]).map((s) => ({ value: s, label: DOCUMENT_STATE_LABELS[s] }));

/** The §5 checklist: a state per document; the changed ones are saved together (PATCH) on the version seen. A draft's is read-only. */
export function DocumentsSection(props: CaseFormProps & { record: RecognitionRecord }) {
  const { checklist, outstandingDocuments } = props.record;
  const editable = !props.record.case.draft && props.record.state !== 'withdrawn';
  const [changes, setChanges] = useState<Partial<Record<DocumentKind, DocumentState>>>({});
  const [date, setDate] = useState(berlinToday());
  const changed = KINDS.filter((k) => changes[k] !== undefined && changes[k] !== checklist[k].state);
  const { state, submit, reload, formRef } = useSend(
    {
      ...props,
      onSaved: (s) => {
        setChanges({});
        props.onSaved(s);
      },
    },
    (): FieldErrors => {
      if (changed.length === 0) return { documents: 'Sie haben bei keiner Unterlage den Stand geändert.' };
      if (!date) return { date: 'Bitte geben Sie das Datum an.' };
      if (date > berlinToday()) return { date: 'Das Datum darf nicht in der Zukunft liegen.' };
      return {};
    },
    () =>
      call('UpdateRecognitionDocuments', {
        params: { id: props.caseId },
        body: { version: props.version, documents: changed.map((kind) => ({ kind, state: changes[kind]!, date })) },
      }),
    (): Saved => ({ kind: 'documents', message: `Unterlagen gespeichert: ${changed.map((k) => `${RECOGNITION_DOCUMENT_LABELS[k]} – ${DOCUMENT_STATE_LABELS[changes[k]!]}`).join('; ')}.` }),
  );
  const outstanding = outstandingDocuments.map((k) => labelOf(RECOGNITION_DOCUMENT_LABELS, k));
  return (
    <section class="card" aria-labelledby="documents-title">
      <h2 id="documents-title">Unterlagen (§ 5 BQFG)</h2>
      <p class="muted">{outstanding.length ? `Noch zu besorgen oder zu übersetzen: ${outstanding.join(', ')}.` : 'Alle Unterlagen liegen vor.'}</p>
      {!editable ? (
        <dl class="facts">
          {KINDS.map((k) => (
            <Row key={k} label={RECOGNITION_DOCUMENT_LABELS[k]}>
              {labelOf(DOCUMENT_STATE_LABELS, checklist[k].state)} (seit {formatDay(checklist[k].since)})
            </Row>
          ))}
        </dl>
      ) : (
        <form ref={formRef} class="documents" aria-labelledby="documents-title" noValidate onSubmit={(ev) => void submit(ev)}>
          <Conflict state={state} onReload={() => void reload()} />
          <FieldError id="documents-error" message={state.errors['documents']} />
          <div class="documents__list">
            {KINDS.map((k) => (
              <SelectField
                key={k}
                id={`doc-${k}`}
                label={RECOGNITION_DOCUMENT_LABELS[k]}
                help={`${changes[k] && changes[k] !== checklist[k].state ? 'geändert, noch nicht gespeichert · ' : ''}bisher: ${labelOf(DOCUMENT_STATE_LABELS, checklist[k].state)} seit ${formatDay(checklist[k].since)}`}
                value={changes[k] ?? checklist[k].state}
                options={DOC_STATES}
                error={state.errors[`documents.${KINDS.indexOf(k)}`]}
                onChange={(v) => setChanges((c) => ({ ...c, [k]: v || undefined }))}
              />
            ))}
          </div>
          {changed.length > 0 && (
            <>
              <TextField id="documents-date" type="date" label="Stand vom" value={date} max={10} maxDate={berlinToday()} error={state.errors['date']} onInput={setDate} />
              <Buttons sending={state.sending} label={changed.length === 1 ? 'Änderung speichern' : `${changed.length} Änderungen speichern`} onCancel={() => setChanges({})} />
            </>
          )}
        </form>
      )}
    </section>
  );
}

/** Whether a cost on `date` would come before the Anerkennungszuschuss was applied for (when it is the payer). */
export function costBeforeGrant(c: RecognitionRecord['case'], date: string): boolean {
  return c.payer === 'anerkennungszuschuss' && (!c.grantAppliedOn || date < c.grantAppliedOn);
}

function GrantWarning({ record }: { record: RecognitionRecord }) {
  const w = record.grantWarning;
  if (!w) return null;
  return (
    <Notice kind="warning">
      <p>
        <strong>Kosten vor dem Antrag auf den Anerkennungszuschuss.</strong> Die ersten Kosten sind vom {formatDay(w.firstCostOn)}
        {w.grantAppliedOn ? `, der Zuschuss wurde erst am ${formatDay(w.grantAppliedOn)} beantragt` : ', der Zuschuss ist noch nicht beantragt'}. Der Zuschuss muss beantragt
        sein, bevor Kosten entstehen; frühere Kosten werden in der Regel nicht erstattet.
      </p>
    </Notice>
  );
}

export function CostsSection({ record }: { record: RecognitionRecord }) {
  const total = record.costs.reduce((n, c) => n + c.amountCents, 0);
  return (
    <section class="card" aria-labelledby="costs-title">
      <h2 id="costs-title">Kosten</h2>
      <GrantWarning record={record} />
      <p class="muted">
        Kosten trägt: {record.case.payer ? labelOf(PAYER_LABELS, record.case.payer) : 'noch offen'}
        {record.case.payer === 'anerkennungszuschuss' ? (record.case.grantAppliedOn ? ` (beantragt am ${formatDay(record.case.grantAppliedOn)})` : ' (noch nicht beantragt)') : ''}.
      </p>
      {record.costs.length === 0 ? (
        <p class="muted">Noch keine Kosten erfasst.</p>
      ) : (
        <ul class="cost-list">
          {record.costs.map((c) => (
            <li key={c.id} class={costBeforeGrant(record.case, c.date) ? 'cost-list__item cost-list__item--early' : 'cost-list__item'}>
              <span>
                {formatDay(c.date)}: {labelOf(COST_KIND_LABELS, c.kind)}
                {c.note && (
                  <>
                    {' '}
                    (<bdi>{c.note}</bdi>)
                  </>
                )}
                {costBeforeGrant(record.case, c.date) && <span class="badge badge--escalated">vor dem Zuschussantrag</span>}
              </span>
              <span class="cost-list__amount">{formatEuro(c.amountCents)}</span>
            </li>
          ))}
          <li class="cost-list__item cost-list__item--total">
            <span>Zusammen</span>
            <span class="cost-list__amount">{formatEuro(total)}</span>
          </li>
        </ul>
      )}
    </section>
  );
}

export function CostForm(props: CaseFormProps & { record: RecognitionRecord }) {
  const today = berlinToday();
  const [draft, setDraft] = useState({ date: today, kind: '' as CostKind | '', amount: '', note: '' });
  const cents = useRef<number | undefined>(undefined);
  const update = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const { state, submit, reload, formRef } = useSend(
    props,
    () => {
      const e: FieldErrors = {};
      if (!draft.date) e['date'] = 'Bitte geben Sie das Datum an.';
      else if (draft.date > berlinToday()) e['date'] = 'Das Datum darf nicht in der Zukunft liegen.';
      if (!draft.kind) e['kind'] = 'Bitte wählen Sie, wofür die Kosten sind.';
      cents.current = parseEuro(draft.amount);
      if (!draft.amount.trim()) e['amountCents'] = 'Bitte geben Sie den Betrag an.';
      else if (cents.current === undefined || cents.current > 10_000_000) e['amountCents'] = 'Bitte einen Betrag in Euro, zum Beispiel 120 oder 89,50.';
      return e;
    },
    () => {
      const note = oneLine(draft.note);
      return call('PostRecognitionCost', {
        params: { id: props.caseId },
        body: { version: props.version, date: draft.date, kind: draft.kind as CostKind, amountCents: cents.current!, ...(note ? { note } : {}) },
      });
    },
    (): Saved => ({ kind: 'cost', message: `Kosten gespeichert: ${COST_KIND_LABELS[draft.kind as CostKind]}, ${formatEuro(cents.current ?? 0)}.` }),
  );
  const early = !!draft.date && costBeforeGrant(props.record.case, draft.date);
  return (
    <FormFrame title="Kosten erfassen" formRef={formRef} onSubmit={(ev) => void submit(ev)}>
      <Conflict state={state} onReload={() => void reload()} />
      <TextField id="cost-date" type="date" label="Datum" value={draft.date} max={10} maxDate={today} error={state.errors['date']} onInput={(date) => update({ date })} />
      {early && (
        <p class="notice notice--warning" role="status">
          Achtung: Der Anerkennungszuschuss ist {props.record.case.grantAppliedOn ? `erst am ${formatDay(props.record.case.grantAppliedOn)}` : 'noch nicht'} beantragt. Kosten davor werden in der Regel nicht
          erstattet.
        </p>
      )}
      <Choices name="cost-kind" legend="Wofür?" labels={COST_KIND_LABELS} value={draft.kind} error={state.errors['kind']} onChange={(kind) => update({ kind })} />
      <TextField id="cost-amount" label="Betrag in Euro" inputMode="decimal" help="Zum Beispiel 120 oder 89,50." value={draft.amount} max={14} error={state.errors['amountCents']} onInput={(amount) => update({ amount })} />
      <NoteField id="cost-note" value={draft.note} error={state.errors['note']} onInput={(note) => update({ note })} />
      <Buttons sending={state.sending} label="Kosten speichern" onCancel={props.onCancel} />
    </FormFrame>
  );
}

const yesNo = (v: boolean | null) => (v === null ? 'noch offen' : v ? 'ja' : 'nein');

export function CaseFieldsSection({ record }: { record: RecognitionRecord }) {
  const c = record.case;
  return (
    <section class="card" aria-labelledby="case-fields-title">
      <h2 id="case-fields-title">Angaben zum Verfahren</h2>
      <dl class="facts">
        <Row label="Abschluss">
          {c.qualification.title ? (
            <>
              <bdi>{c.qualification.title}</bdi>,{' '}
            </>
          ) : (
            ''
          )}
          {countryName(c.qualification.country)}, {c.qualification.year}
        </Row>
        <Row label="Beruf">
          <bdi>{c.qualification.profession}</bdi>
        </Row>
        {c.referenceProfession && (
          <Row label="Referenzberuf">
            <bdi>{c.referenceProfession}</bdi>
          </Row>
        )}
        <Row label="Zuständige Stelle">
          <bdi>{bodyText(c.competentBody, c.competentBodyName)}</bdi>
        </Row>
        <Row label="Reglementierter Beruf">{yesNo(c.regulated)}</Row>
        <Row label="Beschleunigtes Verfahren">{yesNo(c.fastTrack)}</Row>
        {!c.draft && (
          <Row label="EU-Abschluss">
            {c.euQualification === null ? 'nach dem Land' : c.euQualification ? 'ja (so angegeben)' : 'nein (so angegeben)'}
            {c.extensionCapped ? ' – Verlängerung der Entscheidungsfrist höchstens 1 Monat oder 4 Wochen' : ''}
          </Row>
        )}
        {c.note && (
          <Row label="Notiz">
            <bdi>{c.note}</bdi>
          </Row>
        )}
        <Row label="Angelegt">{c.openedAt ? `aus der Anmeldung am ${formatDateTime(c.createdAt)}, ergänzt am ${formatDateTime(c.openedAt)}` : formatDateTime(c.createdAt)}</Row>
      </dl>
    </section>
  );
}
