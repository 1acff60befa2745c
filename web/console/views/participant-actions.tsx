import { useState } from 'preact/hooks';
import { berlinToday } from '../app/format.js';
import { CHANNEL_LABELS, WITHDRAWAL_LABELS, type ContactChannel, type WithdrawalReason } from '../app/labels.js';
import { call } from '../app/session.js';
import { Buttons, Choices, Conflict, FieldError, FormFrame, NoteField, oneLine, useSend, type FieldErrors, type FormProps, type Saved } from '../components/forms.js';

export type { Saved };

/**
 * The record's actions: record the first contact, record a withdrawal. Each form sends the
 * version of the record the user saw; a 409 `version_conflict` says so plainly and offers a
 * reload that keeps what was typed (drafts live outside the form, per participant, for as long as
 * the tab is open). Field errors of a 400 are shown at their field. A form sends once until it has
 * an answer, however often its button is pressed.
 */

export type ActionKind = 'contact' | 'withdraw';

export interface ContactDraft {
  date: string;
  channel: ContactChannel | '';
  note: string;
}
export interface WithdrawDraft {
  reason: WithdrawalReason | '';
  note: string;
}
type Draft = ContactDraft | WithdrawDraft;

/** Typed input, per participant and action, until it is saved or discarded. Memory only (phones are shared). */
const drafts = new Map<string, Draft>();
const draftKey = (id: string, kind: ActionKind) => `${id}:${kind}`;

export function draftOf(id: string, kind: 'contact'): ContactDraft | undefined;
export function draftOf(id: string, kind: 'withdraw'): WithdrawDraft | undefined;
export function draftOf(id: string, kind: ActionKind): Draft | undefined {
  return drafts.get(draftKey(id, kind));
}

export function discardDraft(id: string, kind: ActionKind): void {
  drafts.delete(draftKey(id, kind));
}

/** Whether a draft holds anything the user typed or chose (not just the prefilled date). */
export function draftHasInput(d: Draft | undefined): boolean {
  if (!d) return false;
  return 'channel' in d ? !!d.channel || !!d.note.trim() : !!d.reason || !!d.note.trim();
}

export function ContactForm(props: FormProps) {
  const today = berlinToday();
  const [draft, setDraft] = useState<ContactDraft>(() => draftOf(props.participantId, 'contact') ?? { date: today, channel: '', note: '' });
  const update = (patch: Partial<ContactDraft>) => {
    const next = { ...draft, ...patch };
    drafts.set(draftKey(props.participantId, 'contact'), next);
    setDraft(next);
  };
  const validate = (): FieldErrors => {
    const errors: FieldErrors = {};
    if (!draft.date) errors['date'] = 'Bitte geben Sie das Datum des Erstkontakts an.';
    else if (draft.date > berlinToday()) errors['date'] = 'Das Datum darf nicht in der Zukunft liegen.';
    if (!draft.channel) errors['channel'] = 'Bitte wählen Sie, wie der Kontakt war.';
    return errors;
  };
  const { state, submit, reload, formRef } = useSend(
    props,
    validate,
    () => {
      const note = oneLine(draft.note);
      return call('RecordFirstContact', {
        params: { id: props.participantId },
        body: { version: props.version, date: draft.date, channel: draft.channel as ContactChannel, ...(note ? { note } : {}) },
      });
    },
    () => {
      discardDraft(props.participantId, 'contact');
      return { kind: 'contact', message: `Erstkontakt gespeichert (${CHANNEL_LABELS[draft.channel as ContactChannel]}).` };
    },
  );
  const e = state.errors;
  return (
    <FormFrame title="Erstkontakt erfassen" formRef={formRef} onSubmit={(ev) => void submit(ev)}>
      <Conflict state={state} onReload={() => void reload()} />
      <div class={e['date'] ? 'field field--invalid' : 'field'}>
        <label class="field__label" for="contact-date">
          Datum des Erstkontakts
        </label>
        <FieldError id="contact-date-error" message={e['date']} />
        <input
          id="contact-date"
          type="date"
          class="input input--date"
          value={draft.date}
          max={today}
          required
          aria-invalid={e['date'] ? 'true' : undefined}
          aria-describedby={e['date'] ? 'contact-date-error' : undefined}
          onInput={(ev) => update({ date: (ev.currentTarget as HTMLInputElement).value })}
        />
      </div>
      <Choices name="contact-channel" legend="Wie war der Kontakt?" labels={CHANNEL_LABELS} value={draft.channel} error={e['channel']} onChange={(channel) => update({ channel })} />
      <NoteField id="contact-note" value={draft.note} error={e['note']} onInput={(note) => update({ note })} />
      <Buttons sending={state.sending} label="Erstkontakt speichern" onCancel={props.onCancel} />
    </FormFrame>
  );
}

export function WithdrawForm(props: FormProps) {
  const [draft, setDraft] = useState<WithdrawDraft>(() => draftOf(props.participantId, 'withdraw') ?? { reason: '', note: '' });
  const update = (patch: Partial<WithdrawDraft>) => {
    const next = { ...draft, ...patch };
    drafts.set(draftKey(props.participantId, 'withdraw'), next);
    setDraft(next);
  };
  const validate = (): FieldErrors => (draft.reason ? {} : { reason: 'Bitte wählen Sie einen Grund.' });
  const { state, submit, reload, formRef } = useSend(
    props,
    validate,
    () => {
      const note = oneLine(draft.note);
      return call('WithdrawParticipant', {
        params: { id: props.participantId },
        body: { version: props.version, reason: draft.reason as WithdrawalReason, ...(note ? { note } : {}) },
      });
    },
    () => {
      discardDraft(props.participantId, 'withdraw');
      return { kind: 'withdraw', message: `Abmeldung gespeichert (Grund: ${WITHDRAWAL_LABELS[draft.reason as WithdrawalReason]}).` };
    },
  );
  const e = state.errors;
  return (
    <FormFrame title="Abmeldung erfassen" formRef={formRef} onSubmit={(ev) => void submit(ev)}>
      <p class="muted">Die Person nimmt nicht teil. Die Frist für den Erstkontakt endet damit.</p>
      <Conflict state={state} onReload={() => void reload()} />
      <Choices name="withdraw-reason" legend="Grund" labels={WITHDRAWAL_LABELS} value={draft.reason} error={e['reason']} onChange={(reason) => update({ reason })} />
      <NoteField id="withdraw-note" value={draft.note} error={e['note']} onInput={(note) => update({ note })} />
      <Buttons sending={state.sending} label="Abmeldung speichern" onCancel={props.onCancel} />
    </FormFrame>
  );
}
