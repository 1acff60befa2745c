import { useState } from 'preact/hooks';
import type { ExitOutcome, ImprovedReason } from '../../../schemas/exits.js';
import { berlinToday, formatDay } from '../app/format.js';
import {
  EMPLOYMENT_KIND_LABELS,
  EXIT_ANSWER_LABELS,
  EXIT_OUTCOME_LABELS,
  EXIT_QUESTIONS,
  EXIT_STATUS_LABELS,
  IMPROVED_REASON_LABELS,
  type EmploymentKind,
  type ExitAnswer,
  type ExitEmploymentStatus,
} from '../app/labels.js';
import { Link } from '../app/router.js';
import { call } from '../app/session.js';
import { TextField } from '../components/fields.js';
import { Buttons, Choices, Conflict, FormFrame, NoteField, oneLine, useSend, type FieldErrors, type FormProps } from '../components/forms.js';
import type { ParticipantRecord } from './participant-sections.js';

/**
 * The exit: the outcome with its details and the ESF Plus exit questionnaire (the situation when
 * the person leaves), and its correction (the same fields and why). A placement's feedback or a
 * recognition decision is offered as the likely outcome; the counsellor takes it over with a
 * button and still saves it themselves — it is never recorded by itself. Sent with the version
 * the user saw (a conflict reloads and keeps the input, like the record's other forms).
 */

type Exit = NonNullable<ParticipantRecord['participant']['exit']>;
type Suggested = NonNullable<ParticipantRecord['suggestedOutcome']>;
type Question = keyof typeof EXIT_QUESTIONS;

export interface ExitDraft {
  date: string;
  outcome: ExitOutcome | '';
  improvedReason: ImprovedReason | '';
  improvedReasonText: string;
  employmentKind: EmploymentKind | '';
  employerName: string;
  trainingOccupation: string;
  employmentStatus: ExitEmploymentStatus | '';
  jobSearching: ExitAnswer | '';
  inEducationOrTraining: ExitAnswer | '';
  qualificationGained: ExitAnswer | '';
  note: string;
  reason: string;
}

/** Typed input per participant and form until saved or discarded (memory only, like the other drafts). */
const drafts = new Map<string, ExitDraft>();

const empty = (date: string): ExitDraft => ({
  date,
  outcome: '',
  improvedReason: '',
  improvedReasonText: '',
  employmentKind: '',
  employerName: '',
  trainingOccupation: '',
  employmentStatus: '',
  jobSearching: '',
  inEducationOrTraining: '',
  qualificationGained: '',
  note: '',
  reason: '',
});

/** A correction starts from the exit in force. */
function fromExit(e: Exit): ExitDraft {
  return {
    date: e.date,
    outcome: e.outcome,
    improvedReason: e.improvedReason ?? '',
    improvedReasonText: e.improvedReasonText ?? '',
    employmentKind: e.employmentKind ?? '',
    employerName: e.employerName ?? '',
    trainingOccupation: e.trainingOccupation ?? '',
    employmentStatus: e.situation.employmentStatus,
    jobSearching: e.situation.jobSearching,
    inEducationOrTraining: e.situation.inEducationOrTraining,
    qualificationGained: e.situation.qualificationGained,
    note: e.note ?? '',
    reason: '',
  };
}

const SOURCE_TEXT: Record<Suggested['source'], string> = { placement: 'Rückmeldung aus der Erprobung', recognition: 'Entscheidung im Anerkennungsverfahren' };

export function suggestionText(s: Suggested): string {
  const reason = s.improvedReason ? ` (${IMPROVED_REASON_LABELS[s.improvedReason]})` : '';
  return `${EXIT_OUTCOME_LABELS[s.outcome]}${reason}`;
}

export function ExitForm(props: FormProps & { mode: 'exit' | 'correct'; firstContactDate: string | undefined; current: Exit | null; suggested: Suggested | null }) {
  const today = berlinToday();
  const key = `${props.participantId}:${props.mode}`;
  const [draft, setDraft] = useState<ExitDraft>(() => drafts.get(key) ?? (props.mode === 'correct' && props.current ? fromExit(props.current) : empty(today)));
  const update = (patch: Partial<ExitDraft>) => {
    const next = { ...draft, ...patch };
    drafts.set(key, next);
    setDraft(next);
  };
  const correcting = props.mode === 'correct';

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!draft.date) e['date'] = 'Bitte geben Sie das Datum des Austritts an.';
    else if (draft.date > today) e['date'] = 'Das Datum darf nicht in der Zukunft liegen.';
    else if (props.firstContactDate && draft.date < props.firstContactDate) e['date'] = `Der Austritt kann nicht vor dem Erstkontakt (${formatDay(props.firstContactDate)}) liegen.`;
    if (!draft.outcome) e['outcome'] = 'Bitte wählen Sie das Ergebnis.';
    if (draft.outcome === 'improved_prospects' && !draft.improvedReason) e['improvedReason'] = 'Bitte wählen Sie, wodurch sich die Perspektive verbessert hat.';
    if (draft.outcome === 'improved_prospects' && draft.improvedReason === 'other' && !draft.improvedReasonText.trim()) e['improvedReasonText'] = 'Bitte beschreiben Sie den Grund kurz.';
    if (!draft.employmentStatus) e['situation.employmentStatus'] = 'Bitte wählen Sie die Erwerbssituation beim Austritt.';
    for (const q of Object.keys(EXIT_QUESTIONS) as Question[]) if (!draft[q]) e[`situation.${q}`] = 'Bitte beantworten Sie diese Frage.';
    if (correcting && !draft.reason.trim()) e['reason'] = 'Bitte sagen Sie, warum der Austritt korrigiert wird.';
    return e;
  };

  /** Only the details that belong to the outcome are sent (others would be 400 `not_applicable`). */
  const body = () => {
    const note = oneLine(draft.note);
    const o = draft.outcome as ExitOutcome;
    return {
      version: props.version,
      date: draft.date,
      outcome: o,
      ...(o === 'improved_prospects' ? { improvedReason: draft.improvedReason as ImprovedReason } : {}),
      ...(o === 'improved_prospects' && draft.improvedReason === 'other' ? { improvedReasonText: oneLine(draft.improvedReasonText) } : {}),
      ...(o === 'employment' && draft.employmentKind ? { employmentKind: draft.employmentKind } : {}),
      ...(o === 'employment' && draft.employerName.trim() ? { employerName: oneLine(draft.employerName) } : {}),
      ...(o === 'training' && draft.trainingOccupation.trim() ? { trainingOccupation: oneLine(draft.trainingOccupation) } : {}),
      situation: {
        employmentStatus: draft.employmentStatus as ExitEmploymentStatus,
        jobSearching: draft.jobSearching as ExitAnswer,
        inEducationOrTraining: draft.inEducationOrTraining as ExitAnswer,
        qualificationGained: draft.qualificationGained as ExitAnswer,
      },
      ...(note ? { note } : {}),
    };
  };

  const { state, submit, reload, formRef } = useSend(
    props,
    validate,
    () =>
      correcting
        ? call('CorrectExit', { params: { id: props.participantId }, body: { ...body(), reason: oneLine(draft.reason) } })
        : call('ExitParticipant', { params: { id: props.participantId }, body: body() }),
    () => {
      drafts.delete(key);
      const what = EXIT_OUTCOME_LABELS[draft.outcome as ExitOutcome];
      return { kind: props.mode, message: correcting ? `Austritt korrigiert (${what}).` : `Austritt gespeichert (${what}).` };
    },
  );
  const e = state.errors;
  const s = props.suggested;
  const takenOver = s && draft.outcome === s.outcome && (s.improvedReason ?? '') === (s.outcome === 'improved_prospects' ? draft.improvedReason : '');

  return (
    <FormFrame title={correcting ? 'Austritt korrigieren' : 'Austritt erfassen'} formRef={formRef} onSubmit={(ev) => void submit(ev)}>
      {correcting ? (
        <p class="muted">Die Korrektur ersetzt den erfassten Austritt; der bisherige bleibt in der Akte sichtbar. Die Zahlen folgen der Korrektur.</p>
      ) : (
        <p class="muted">Mit dem Austritt enden alle laufenden Abläufe der Person (Nachfassen, Erprobungen, Anerkennung).</p>
      )}
      <Conflict state={state} onReload={() => void reload()} />
      {s && !correcting && (
        <div class="notice suggestion">
          <p>
            <strong>Vorschlag: {suggestionText(s)}</strong> — aus der{' '}
            <Link to={s.source === 'placement' ? `/placements/${s.sourceId}` : `/recognition-cases/${s.sourceId}`}>{SOURCE_TEXT[s.source]}</Link> vom {formatDay(s.at.slice(0, 10))}.
            Bitte prüfen Sie ihn; gespeichert wird erst, was Sie speichern.
          </p>
          {takenOver ? (
            <p class="suggestion__done">Übernommen.</p>
          ) : (
            <button type="button" class="button button--secondary" onClick={() => update({ outcome: s.outcome, improvedReason: s.improvedReason ?? '' })}>
              Vorschlag übernehmen
            </button>
          )}
        </div>
      )}
      <TextField
        id="exit-date"
        label="Datum des Austritts"
        type="date"
        value={draft.date}
        max={10}
        min={props.firstContactDate}
        maxDate={today}
        error={e['date']}
        onInput={(date) => update({ date })}
      />
      <Choices name="exit-outcome" legend="Ergebnis" labels={EXIT_OUTCOME_LABELS} value={draft.outcome} error={e['outcome']} onChange={(outcome) => update({ outcome })} />
      {draft.outcome === 'employment' && (
        <>
          <Choices
            name="exit-employment-kind"
            legend="Art der Beschäftigung (freiwillig)"
            labels={EMPLOYMENT_KIND_LABELS}
            single
            value={draft.employmentKind}
            error={e['employmentKind']}
            onChange={(employmentKind) => update({ employmentKind })}
          />
          <TextField id="exit-employer" label="Arbeitgeber" optional value={draft.employerName} max={200} error={e['employerName']} onInput={(employerName) => update({ employerName })} />
        </>
      )}
      {draft.outcome === 'training' && (
        <TextField
          id="exit-occupation"
          label="Ausbildungsberuf"
          optional
          value={draft.trainingOccupation}
          max={200}
          error={e['trainingOccupation']}
          onInput={(trainingOccupation) => update({ trainingOccupation })}
        />
      )}
      {draft.outcome === 'improved_prospects' && (
        <>
          <Choices
            name="exit-improved-reason"
            legend="Wodurch hat sich die Perspektive verbessert?"
            labels={IMPROVED_REASON_LABELS}
            value={draft.improvedReason}
            error={e['improvedReason']}
            onChange={(improvedReason) => update({ improvedReason })}
          />
          {draft.improvedReason === 'other' && (
            <TextField
              id="exit-improved-text"
              label="Grund in wenigen Worten"
              value={draft.improvedReasonText}
              max={200}
              error={e['improvedReasonText']}
              onInput={(improvedReasonText) => update({ improvedReasonText })}
            />
          )}
        </>
      )}
      <fieldset class="form-group">
        <legend class="form-group__legend">Situation beim Austritt (ESF Plus)</legend>
        <Choices
          name="exit-status"
          legend="Erwerbssituation"
          labels={EXIT_STATUS_LABELS}
          value={draft.employmentStatus}
          error={e['situation.employmentStatus']}
          onChange={(employmentStatus) => update({ employmentStatus })}
        />
        {(Object.keys(EXIT_QUESTIONS) as Question[]).map((q) => (
          <Choices key={q} name={`exit-${q}`} legend={EXIT_QUESTIONS[q]} labels={EXIT_ANSWER_LABELS} value={draft[q]} error={e[`situation.${q}`]} onChange={(v) => update({ [q]: v })} />
        ))}
      </fieldset>
      {correcting && <TextField id="exit-reason" label="Grund der Korrektur" value={draft.reason} max={300} error={e['reason']} onInput={(reason) => update({ reason })} />}
      <NoteField id="exit-note" value={draft.note} error={e['note']} onInput={(note) => update({ note })} />
      <Buttons sending={state.sending} label={correcting ? 'Korrektur speichern' : 'Austritt speichern'} onCancel={props.onCancel} />
    </FormFrame>
  );
}

/** The exit in force as the record shows it (and how often it was corrected). */
export function ExitFacts({ exit, corrections }: { exit: Exit; corrections: number }) {
  const details = [
    exit.improvedReason && IMPROVED_REASON_LABELS[exit.improvedReason],
    exit.improvedReasonText,
    exit.employmentKind && EMPLOYMENT_KIND_LABELS[exit.employmentKind],
    exit.employerName,
    exit.trainingOccupation,
  ].filter(Boolean);
  return (
    <div class="facts__row">
      <dt>Austritt</dt>
      <dd>
        am {formatDay(exit.date)}: <strong>{EXIT_OUTCOME_LABELS[exit.outcome]}</strong>
        {details.length > 0 && ` (${details.join(', ')})`}
        <span class="exit-situation">
          Beim Austritt: {EXIT_STATUS_LABELS[exit.situation.employmentStatus]}; Arbeit gesucht: {EXIT_ANSWER_LABELS[exit.situation.jobSearching]}; in Bildung:{' '}
          {EXIT_ANSWER_LABELS[exit.situation.inEducationOrTraining]}; Qualifikation erworben: {EXIT_ANSWER_LABELS[exit.situation.qualificationGained]}
        </span>
        {exit.correctionReason && <span class="note">Korrigiert{corrections > 1 ? ` (${corrections}×)` : ''}: „{exit.correctionReason}“</span>}
        {exit.note && <span class="note">„{exit.note}“</span>}
      </dd>
    </div>
  );
}
