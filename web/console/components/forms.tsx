import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * The parts the console's forms share: sending once (however often the button is pressed), the
 * API's answers (409 `version_conflict` with a reload that keeps the input, 400 field errors at
 * their field, network failures), focus after each answer, and the fields themselves.
 */

export interface Saved {
  kind: string;
  message: string;
}

export interface FormProps {
  participantId: string;
  version: number;
  /** Re-reads the record (the form stays, with its input). */
  reload: () => Promise<void>;
  onSaved: (saved: Saved) => void;
  onCancel: () => void;
  onNotFound: () => void;
}

export type FieldErrors = Record<string, string>;

export interface SendState {
  sending: boolean;
  conflict: boolean;
  /** After the reload a conflict asked for. */
  reloaded: boolean;
  problem: string | undefined;
  errors: FieldErrors;
}

export const IDLE: SendState = { sending: false, conflict: false, reloaded: false, problem: undefined, errors: {} };

/** One line: the API keeps notes single-line (no line breaks or tabs), so they are joined with spaces. */
export const oneLine = (s: string) => s.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();

/** What the forms need of an answer (every change route answers like this). */
export interface ChangeAnswer {
  ok: boolean;
  status: number;
  body: unknown;
}

interface ErrorLike {
  code?: string;
  message?: string;
  errors?: { path: string; code: string; message: string }[];
}

/** A form's sending: once at a time, the API's answers, the conflict notice, focus. */
export function useSend(props: Pick<FormProps, 'reload' | 'onSaved' | 'onNotFound'>, validate: () => FieldErrors, send: () => Promise<ChangeAnswer>, saved: () => Saved) {
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
      const body = res.body as ErrorLike | undefined;
      if (res.status === 409 && body?.code === 'version_conflict') {
        focusTarget.current = '.js-reload';
        setState({ ...IDLE, conflict: true });
      } else if (res.status === 400 && body?.errors?.length) {
        const fieldErrors: FieldErrors = {};
        // At the whole path ("employer.email") and at its first part ("employer"): forms show either.
        for (const fe of body.errors) {
          fieldErrors[fe.path.split('.')[0] || 'form'] ??= fe.message;
          if (fe.path.includes('.')) fieldErrors[fe.path] ??= fe.message;
        }
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

export function Conflict({ state, onReload }: { state: SendState; onReload: () => void }) {
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

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} class="field__error">
      <span class="visually-hidden">Fehler: </span>
      {message}
    </p>
  );
}

export function NoteField({ id, value, error, onInput }: { id: string; value: string; error: string | undefined; onInput: (v: string) => void }) {
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

export function Choices<K extends string>(props: {
  name: string;
  legend: string;
  labels: Record<K, string>;
  /** A second, quieter line per choice. */
  hints?: Partial<Record<K, string>>;
  value: K | '';
  error: string | undefined;
  onChange: (v: K) => void;
  /** One column (long labels, e.g. people). */
  single?: boolean;
}) {
  const errorId = `${props.name}-error`;
  return (
    <fieldset class={props.error ? 'field field--invalid' : 'field'} aria-describedby={props.error ? errorId : undefined}>
      <legend class="field__label">{props.legend}</legend>
      <FieldError id={errorId} message={props.error} />
      <div class={props.single ? 'choices' : 'choices choices--grid'}>
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
              {props.hints?.[k] && <span class="choice__hint">{props.hints[k]}</span>}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function Buttons({ sending, label, onCancel }: { sending: boolean; label: string; onCancel: () => void }) {
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

export function FormFrame({ title, children, formRef, onSubmit }: { title: string; children: ComponentChildren; formRef: Ref<HTMLFormElement>; onSubmit: (e: Event) => void }) {
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

