import type { ComponentChildren } from 'preact';
import { FieldError } from './forms.js';

/**
 * Labelled fields for the console's longer forms: the label, an optional help line, the error at
 * the field (announced through aria-describedby), and the input. Each is 48 px high (`.input`).
 */

interface Base {
  id: string;
  label: string;
  error: string | undefined;
  help?: ComponentChildren;
  optional?: boolean;
}

function describedBy(id: string, error: string | undefined, help: unknown): string | undefined {
  return [error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
}

function Frame({ id, label, error, help, optional, children }: Base & { children: ComponentChildren }) {
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label class="field__label" for={id}>
        {label}
        {optional && <span class="field__optional"> (freiwillig)</span>}
      </label>
      {help && (
        <p id={`${id}-help`} class="field__help">
          {help}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
      {children}
    </div>
  );
}

export function TextField(props: Base & { value: string; max: number; type?: 'text' | 'date'; inputMode?: 'numeric' | 'decimal'; min?: string; maxDate?: string; onInput: (v: string) => void }) {
  const date = props.type === 'date';
  return (
    <Frame {...props}>
      <input
        id={props.id}
        type={(props.type ?? 'text') as 'text'}
        class={date ? 'input input--date' : props.inputMode ? 'input input--short' : 'input'}
        value={props.value}
        maxLength={date ? undefined : props.max}
        min={props.min}
        max={props.maxDate}
        inputMode={props.inputMode}
        autocomplete="off"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.error, props.help)}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
    </Frame>
  );
}

export function TextAreaField(props: Base & { value: string; max: number; rows?: number; onInput: (v: string) => void }) {
  return (
    <Frame {...props}>
      <textarea
        id={props.id}
        class="input input--textarea"
        rows={props.rows ?? 3}
        maxLength={props.max}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.error, props.help)}
        onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
    </Frame>
  );
}

export function SelectField<K extends string>(props: Base & { value: K | ''; options: readonly { value: K | ''; label: string }[]; onChange: (v: K | '') => void }) {
  return (
    <Frame {...props}>
      <select
        id={props.id}
        class="input input--select"
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.error, props.help)}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as K | '')}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function CheckField({ id, label, help, checked, onChange }: { id: string; label: string; help?: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div class="field">
      <div class="choice">
        <input
          id={id}
          type="checkbox"
          class="choice__input"
          checked={checked}
          aria-describedby={help ? `${id}-help` : undefined}
          onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
        />
        <label class="choice__label" for={id}>
          {label}
        </label>
      </div>
      {help && (
        <p id={`${id}-help`} class="field__help field__help--after">
          {help}
        </p>
      )}
    </div>
  );
}
