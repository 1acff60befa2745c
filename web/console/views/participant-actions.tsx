import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { berlinToday } from '../app/format.js';
import { CHANNEL_LABELS, WITHDRAWAL_LABELS, type ContactChannel, type WithdrawalReason } from '../app/labels.js';
import { call } from '../app/session.js';

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

export interface Saved {
  kind: ActionKind;
  message: string;
}

interface FormProps {
  participantId: string;
  version: number;
  /** Re-reads the record (the form stays, with its input). */
  reload: () => Promise<void>;
  onSaved: (saved: Saved) => void;
  onCancel: () => void;
  onNotFound: () => void;
}

type FieldErrors = Record<string, string>;

interface SendState {
  sending: boolean;
  conflict: boolean;
  /** After the reload a conflict asked for. */
  reloaded: boolean;
  problem: string | undefined;
  errors: FieldErrors;
}

const IDLE: SendState = { sending: false, conflict: false, reloaded: false, problem: undefined, errors: {} };

/** One line: the API keeps notes single-line (no line breaks or tabs), so they are joined with spaces. */
const oneLine = (s: string) => s.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();

/** The parts a form shares: sending once, the answers of the API, the conflict notice, focus. */
type StatusAnswer = Awaited<ReturnType<typeof call<'RecordFirstContact'>>> | Awaited<ReturnType<typeof call<'WithdrawParticipant'>>>;

function useSend(props: FormProps, validate: () => FieldErrors, send: () => Promise<StatusAnswer>, saved: () => Saved) {
  const [state, setState] = useState<SendState>(IDLE);
  const busy = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusTarget = useRef<string | undefined>(undefined);

  // After a render that asked for it, move the focus (first invalid field, the reload button, …).
  useEffect(() => {
    const sel = focusTarget.current;
    if (!sel) return;
    focusTarget.current = undefined;
    formRef.current?.querySelector<HTMLElement>(sel)?.focus();
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy.current) return; // a double click sends once
    const errors = validate();
    if (Object.keys(errors).length) {
      focusTarget.current = '[aria-invalid="true"]';
      setState({ ...IDLE, errors });
      return;
    }
    busy.current = true;
    setState({ ...IDLE, sending: true });
    try {
      const res = await send();
      if (res.ok) {
        props.onSaved(saved());
        return;
      }
      const body = res.body;
      if (res.status === 409 && body?.code === 'version_conflict') {
        focusTarget.current = '.js-reload';
        setState({ ...IDLE, conflict: true });
      } else if (res.status === 400 && body?.errors?.length) {
        const fieldErrors: FieldErrors = {};
        for (const fe of body.errors) fieldErrors[fe.path.split('.')[0] || 'form'] ??= fe.message;
        focusTarget.current = '[aria-invalid="true"], .js-problem';
        setState({ ...IDLE, errors: fieldErrors, problem: fieldErrors['form'] ?? fieldErrors['version'] });
      } else if (res.status === 404) {
        props.onNotFound();
      } else {
        focusTarget.current = '.js-problem';
        setState({ ...IDLE, problem: body?.message ?? 'Das hat nicht geklappt. Ihre Eingaben sind noch da; bitte versuchen Sie es noch einmal.' });
      }
    } catch {
      focusTarget.current = '.js-problem';
      setState({ ...IDLE, problem: 'Keine Verbindung zum Server. Ihre Eingaben sind noch da; bitte versuchen Sie es gleich noch einmal.' });
    } finally {
      busy.current = false;
    }
  };

  const reload = async () => {
    if (busy.current) return;
    busy.current = true;
    setState({ ...IDLE, sending: true, conflict: true });
    try {
      await props.reload();
      focusTarget.current = '.js-reloaded';
      setState({ ...IDLE, reloaded: true });
    } finally {
      busy.current = false;
    }
  };

  return { state, submit, reload, formRef, setErrors: (errors: FieldErrors) => setState((s) => ({ ...s, errors })) };
}

function Conflict({ state, onReload }: { state: SendState; onReload: () => void }) {
  if (state.conflict)
    return (
      <div class="notice notice--error" role="alert">
        <p>
          <strong>Inzwischen von jemand anderem geändert — bitte neu laden.</strong> Ihre Eingaben bleiben erhalten.
        </p>
        <button type="button" class="button button--secondary js-reload" aria-disabled={state.sending ? 'true' : undefined} onClick={onReload}>
          {state.sending ? 'Wird neu geladen …' : 'Neu laden'}
        </button>
      </div>
    );
  if (state.reloaded)
    return (
      <div class="notice js-reloaded" tabindex={-1} role="status">
        <p>Die Akte ist neu geladen. Ihre Eingaben sind noch da — bitte prüfen Sie den aktuellen Stand und speichern Sie erneut.</p>
      </div>
    );
  if (state.problem)
    return (
      <div class="notice notice--error js-problem" tabindex={-1} role="alert">
        <p>{state.problem}</p>
      </div>
    );
  return null;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} class="field__error">
      <span class="visually-hidden">Fehler: </span>
      {message}
    </p>
  );
}

function NoteField({ id, value, error, onInput }: { id: string; value: string; error: string | undefined; onInput: (v: string) => void }) {
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label class="field__label" for={id}>
        Notiz <span class="field__optional">(freiwillig)</span>
      </label>
      <p id={`${id}-help`} class="field__help">
        Kurz und sachlich, höchstens 500 Zeichen.
      </p>
      <FieldError id={`${id}-error`} message={error} />
      <textarea
        id={id}
        class="input input--textarea"
        rows={3}
        maxLength={500}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error ${id}-help` : `${id}-help`}
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
    </div>
  );
}

function Choices<K extends string>(props: {
  name: string;
  legend: string;
  labels: Record<K, string>;
  value: K | '';
  error: string | undefined;
  onChange: (v: K) => void;
}) {
  const errorId = `${props.name}-error`;
  return (
    <fieldset class={props.error ? 'field field--invalid' : 'field'} aria-describedby={props.error ? errorId : undefined}>
      <legend class="field__label">{props.legend}</legend>
      <FieldError id={errorId} message={props.error} />
      <div class="choices choices--grid">
        {(Object.keys(props.labels) as K[]).map((k, i) => (
          <div class="choice" key={k}>
            <input
              type="radio"
              class="choice__input"
              id={`${props.name}-${k}`}
              name={props.name}
              value={k}
              checked={props.value === k}
              aria-invalid={props.error && i === 0 ? 'true' : undefined}
              onChange={() => props.onChange(k)}
            />
            <label class="choice__label" for={`${props.name}-${k}`}>
              {props.labels[k]}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function Buttons({ sending, label, onCancel }: { sending: boolean; label: string; onCancel: () => void }) {
  return (
    <div class="actions">
      <button type="submit" class={sending ? 'button button--primary button--busy' : 'button button--primary'} aria-disabled={sending ? 'true' : undefined}>
        {sending ? 'Wird gespeichert …' : label}
      </button>
      <button type="button" class="button button--secondary" onClick={onCancel}>
        Abbrechen
      </button>
    </div>
  );
}

function FormFrame({ title, children, formRef, onSubmit }: { title: string; children: ComponentChildren; formRef: Ref<HTMLFormElement>; onSubmit: (e: Event) => void }) {
  const id = `form-${title.replace(/\W+/g, '-').toLowerCase()}`;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []); // opened by a button: continue here
  return (
    <form ref={formRef} class="action-form" aria-labelledby={id} noValidate onSubmit={onSubmit}>
      <h3 id={id} class="action-form__title" tabindex={-1} ref={heading}>
        {title}
      </h3>
      {children}
    </form>
  );
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
