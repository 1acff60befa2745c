import type { FieldDefinition, FormDefinition } from '../../schemas/form-definition.js';
import { h, idFor, setReference } from '../common/dom.js';
import type { Answer } from './answers.js';

/**
 * One form field from its definition: label tied to the control, help and error referenced by
 * aria-describedby, the keyboard that fits (type and inputmode from the definition).
 */

type Texts = FormDefinition['text'];

/** Kinds whose values are numbers, codes or addresses: left-to-right even on an Arabic or Farsi page. */
const LTR_WIDGETS = new Set(['email', 'tel', 'date', 'number']);
const INPUT_TYPES: Record<string, string> = { email: 'email', tel: 'tel', date: 'date', text: 'text', number: 'text' };

const isGroup = (f: FieldDefinition) => f.widget === 'radio' || f.widget === 'checkboxes';

function labelText(field: FieldDefinition, texts: Texts): (string | HTMLElement)[] {
  return [field.label, field.required ? '' : h('span', { class: 'field__optional' }, ` (${texts['optional'] ?? ''})`)];
}

function helpAndError(field: FieldDefinition): HTMLElement[] {
  const id = idFor(field.path);
  return [
    field.help ? h('p', { class: 'field__help', id: `${id}-help` }, field.help) : null,
    h('p', { class: 'field__error', id: `${id}-error`, hidden: true }),
  ].filter((e): e is HTMLParagraphElement => e !== null);
}

export function renderField(field: FieldDefinition, texts: Texts): HTMLElement {
  const id = idFor(field.path);
  const describedBy = field.help ? `${id}-help` : undefined;

  if (isGroup(field)) {
    const type = field.widget === 'radio' ? 'radio' : 'checkbox';
    return h(
      'fieldset',
      { class: `field field--group field--${field.widget}`, id: `${id}-field`, 'data-path': field.path, 'aria-describedby': describedBy },
      h('legend', { class: 'field__label' }, labelText(field, texts)),
      helpAndError(field),
      h(
        'div',
        { class: 'choices' },
        (field.options ?? []).map((o, i) =>
          h(
            'div',
            { class: 'choice' },
            h('input', {
              class: 'choice__input',
              type,
              id: i === 0 ? id : `${id}-${i}`,
              name: field.path,
              value: o.value,
              required: field.widget === 'radio' && field.required,
            }),
            h('label', { class: 'choice__label', for: i === 0 ? id : `${id}-${i}` }, o.label),
          ),
        ),
      ),
    );
  }

  if (field.widget === 'checkbox') {
    return h(
      'div',
      { class: 'field field--checkbox', id: `${id}-field`, 'data-path': field.path },
      helpAndError(field),
      h(
        'div',
        { class: 'choice choice--single' },
        h('input', { class: 'choice__input', type: 'checkbox', id, name: field.path, value: 'true', required: field.required, 'aria-describedby': describedBy }),
        h('label', { class: 'choice__label', for: id }, field.label),
      ),
    );
  }

  const control =
    field.widget === 'select'
      ? h(
          'select',
          { class: 'input input--select', id, name: field.path, required: field.required, autocomplete: field.autocomplete, 'aria-describedby': describedBy },
          h('option', { value: '' }, texts['choose'] ?? ''),
          (field.options ?? []).map((o) => h('option', { value: o.value }, o.label)),
        )
      : h('input', {
          class: `input input--${field.widget}`,
          id,
          name: field.path,
          type: INPUT_TYPES[field.widget] ?? 'text',
          inputmode: field.inputmode,
          autocomplete: field.autocomplete,
          required: field.required,
          dir: LTR_WIDGETS.has(field.widget) || field.inputmode === 'numeric' ? 'ltr' : undefined,
          spellcheck: field.widget === 'email' || field.widget === 'tel' ? 'false' : undefined,
          autocapitalize: field.widget === 'email' ? 'none' : undefined,
          'aria-describedby': describedBy,
        });
  return h(
    'div',
    { class: `field field--${field.widget}`, id: `${id}-field`, 'data-path': field.path },
    h('label', { class: 'field__label', for: id }, labelText(field, texts)),
    helpAndError(field),
    control,
  );
}

/** The controls of a field inside `root` (one, or one per option). */
function controls(root: ParentNode, field: FieldDefinition): (HTMLInputElement | HTMLSelectElement)[] {
  return Array.from(root.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="${CSS.escape(field.path)}"]`));
}

export function readField(root: ParentNode, field: FieldDefinition): Answer | undefined {
  const els = controls(root, field);
  switch (field.widget) {
    case 'checkboxes':
      return (els as HTMLInputElement[]).filter((e) => e.checked).map((e) => e.value);
    case 'checkbox':
      return (els[0] as HTMLInputElement | undefined)?.checked ?? false;
    case 'radio':
      return (els as HTMLInputElement[]).find((e) => e.checked)?.value;
    default:
      return els[0]?.value;
  }
}

export function writeField(root: ParentNode, field: FieldDefinition, value: Answer | undefined): void {
  const els = controls(root, field);
  switch (field.widget) {
    case 'checkboxes':
      for (const e of els as HTMLInputElement[]) e.checked = Array.isArray(value) && value.includes(e.value);
      break;
    case 'checkbox':
      if (els[0]) (els[0] as HTMLInputElement).checked = value === true;
      break;
    case 'radio':
      for (const e of els as HTMLInputElement[]) e.checked = e.value === value;
      break;
    default:
      if (els[0] && typeof value === 'string') els[0].value = value;
  }
}

/** The element that takes focus for this field (first option of a group, else the control). */
export function focusTarget(root: ParentNode, field: FieldDefinition): HTMLElement | undefined {
  const els = controls(root, field);
  return (els as HTMLInputElement[]).find((e) => 'checked' in e && e.checked && field.widget === 'radio') ?? els[0];
}

/** Shows or clears a field's error: the text, aria-invalid on its controls, aria-describedby to the message. */
export function setFieldError(root: ParentNode, field: FieldDefinition, message: string | undefined): void {
  const id = idFor(field.path);
  const container = root.querySelector<HTMLElement>(`#${CSS.escape(`${id}-field`)}`);
  const error = root.querySelector<HTMLElement>(`#${CSS.escape(`${id}-error`)}`);
  if (!container || !error) return;
  error.textContent = message ?? '';
  error.hidden = !message;
  container.classList.toggle('field--invalid', Boolean(message));
  // Groups are described on the fieldset; single controls on the control.
  const described = isGroup(field) ? [container] : controls(root, field);
  for (const el of described) setReference(el, 'aria-describedby', `${id}-error`, Boolean(message));
  if (!isGroup(field))
    for (const el of controls(root, field)) {
      if (message) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    }
}
