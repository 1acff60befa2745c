import * as z from 'zod/mini';
import { COUNTRY_CODES } from './countries.js';
import { formTexts } from './i18n/form.js';
import { MESSAGES } from './i18n/messages.js';
import { DATA_NOTICE_PATH } from './data-notice.js';
import { DATA_NOTICE_VERSION, HELP_WANTED, makeIntakeSchema } from './intake.js';
import { directionOf, LANGUAGES, type Language, type TextDirection } from './languages.js';
import type { Site } from './sites.js';

/**
 * The intake form definition the page renders: JSON Schema from the zod contract, plus
 * localised sections, labels, help texts, options and messages. The page holds no copy of
 * fields, labels or rules; everything it shows comes from here.
 */

export type WidgetKind = 'text' | 'email' | 'tel' | 'date' | 'number' | 'radio' | 'select' | 'checkboxes' | 'checkbox';

interface Widget {
  kind: WidgetKind;
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'tel' | 'email';
  /** Options label group in the translation, when it differs from the field path. */
  optionsKey?: string;
}

const WIDGETS: Record<string, Widget> = {
  site: { kind: 'radio' },
  'person.firstName': { kind: 'text', autocomplete: 'given-name' },
  'person.lastName': { kind: 'text', autocomplete: 'family-name' },
  'person.dateOfBirth': { kind: 'date', autocomplete: 'bday' },
  'person.gender': { kind: 'radio' },
  'person.address.street': { kind: 'text', autocomplete: 'street-address' },
  'person.address.postcode': { kind: 'text', inputmode: 'numeric', autocomplete: 'postal-code' },
  'person.address.city': { kind: 'text', autocomplete: 'address-level2' },
  'contact.email': { kind: 'email', inputmode: 'email', autocomplete: 'email' },
  'contact.phone': { kind: 'tel', inputmode: 'tel', autocomplete: 'tel' },
  'employment.status': { kind: 'radio' },
  'education.level': { kind: 'radio' },
  'part2.migrantBackground': { kind: 'radio', optionsKey: 'part2' },
  'part2.thirdCountryNational': { kind: 'radio', optionsKey: 'part2' },
  'part2.disability': { kind: 'radio', optionsKey: 'part2' },
  'part2.homelessness': { kind: 'radio', optionsKey: 'part2' },
  help: { kind: 'checkboxes' },
  'qualification.country': { kind: 'select' },
  'qualification.profession': { kind: 'text' },
  'qualification.year': { kind: 'number', inputmode: 'numeric' },
  'qualification.documents': { kind: 'checkboxes' },
  'consent.accepted': { kind: 'checkbox' },
  'consent.specialCategories': { kind: 'checkbox' },
};

export interface SectionSpec {
  id: string;
  fields: string[];
  /** Shown only when the array field `field` contains `includes`. */
  when?: { field: string; includes: string };
}

export const SECTIONS: SectionSpec[] = [
  { id: 'site', fields: ['site'] },
  {
    id: 'person',
    fields: [
      'person.firstName',
      'person.lastName',
      'person.dateOfBirth',
      'person.gender',
      'person.address.street',
      'person.address.postcode',
      'person.address.city',
    ],
  },
  { id: 'contact', fields: ['contact.email', 'contact.phone'] },
  { id: 'situation', fields: ['employment.status', 'education.level'] },
  // The separate Art. 9 consent sits with the questions it is for.
  { id: 'part2', fields: ['part2.migrantBackground', 'part2.thirdCountryNational', 'part2.disability', 'part2.homelessness', 'consent.specialCategories'] },
  { id: 'help', fields: ['help'] },
  {
    id: 'qualification',
    fields: ['qualification.country', 'qualification.profession', 'qualification.year', 'qualification.documents'],
    when: { field: 'help', includes: 'recognition' satisfies (typeof HELP_WANTED)[number] },
  },
  { id: 'consent', fields: ['consent.accepted'] },
];

export interface FieldDefinition {
  path: string;
  label: string;
  help: string;
  widget: WidgetKind;
  required: boolean;
  autocomplete?: string;
  inputmode?: string;
  options?: { value: string; label: string }[];
}

export interface FormDefinition {
  lang: Language;
  dir: TextDirection;
  languages: { code: string; name: string; dir: TextDirection }[];
  noticeVersion: string;
  /** A summary before the consent; `link` labels the link to the complete notice at `noticePath` (`?site=&lang=`). */
  notice: { title: string; text: string; link: string };
  noticePath: string;
  text: Record<string, string>;
  sections: { id: string; title: string; help: string; when?: SectionSpec['when']; fields: FieldDefinition[] }[];
  honeypot: { path: string; label: string };
  messages: Record<string, string>;
  schema: Record<string, unknown>;
}

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  const?: unknown;
};

/** The generated JSON Schema of the intake contract (input side: what a client may send). */
export function intakeJsonSchema(sites: readonly Site[]): Record<string, unknown> {
  const siteIds = sites.map((s) => s.id) as [string, ...string[]];
  return z.toJSONSchema(makeIntakeSchema(siteIds), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function schemaAt(root: JsonSchema, path: string): { node?: JsonSchema; required: boolean } {
  let node: JsonSchema | undefined = root;
  let required = true;
  for (const key of path.split('.')) {
    required = required && Boolean(node?.required?.includes(key));
    node = node?.properties?.[key];
  }
  return { node, required };
}

function enumValues(node: JsonSchema | undefined): string[] {
  if (!node) return [];
  if (node.enum) return node.enum.map(String);
  if (node.items) return enumValues(node.items);
  return [];
}

export function buildFormDefinition(lang: Language, sites: readonly Site[]): FormDefinition {
  const t = formTexts(lang);
  const schema = intakeJsonSchema(sites);
  const fields = t.fields as Record<string, { label: string; help: string }>;
  const optionLabels = t.options as Record<string, Record<string, string>>;
  const regionNames = new Intl.DisplayNames([lang], { type: 'region' });
  const collator = new Intl.Collator(lang);

  const optionsFor = (path: string, node: JsonSchema | undefined, widget: Widget) => {
    if (path === 'site') return sites.map((s) => ({ value: s.id, label: s.name }));
    if (path === 'qualification.country')
      return COUNTRY_CODES.map((code) => ({ value: code, label: regionNames.of(code) ?? code })).sort((a, b) =>
        collator.compare(a.label, b.label),
      );
    const labels = optionLabels[widget.optionsKey ?? path];
    if (!labels) return undefined;
    return enumValues(node).map((value) => ({ value, label: labels[value] ?? value }));
  };

  return {
    lang,
    dir: directionOf(lang),
    languages: LANGUAGES.map((l) => ({ code: l.code, name: l.name, dir: l.dir })),
    noticeVersion: DATA_NOTICE_VERSION,
    notice: t.notice,
    noticePath: DATA_NOTICE_PATH,
    text: t.form,
    sections: SECTIONS.map((section) => {
      const s = (t.sections as Record<string, { title: string; help: string }>)[section.id] ?? { title: section.id, help: '' };
      return {
        id: section.id,
        title: s.title,
        help: s.help,
        ...(section.when ? { when: section.when } : {}),
        fields: section.fields.map((path) => {
          const widget = WIDGETS[path] ?? { kind: 'text' as const };
          const { node, required } = schemaAt(schema as JsonSchema, path);
          const options = widget.kind === 'radio' || widget.kind === 'select' || widget.kind === 'checkboxes' ? optionsFor(path, node, widget) : undefined;
          return {
            path,
            label: fields[path]?.label ?? path,
            help: fields[path]?.help ?? '',
            widget: widget.kind,
            required: path.startsWith('part2.') ? false : required,
            ...(widget.autocomplete ? { autocomplete: widget.autocomplete } : {}),
            ...(widget.inputmode ? { inputmode: widget.inputmode } : {}),
            ...(options ? { options } : {}),
          };
        }),
      };
    }),
    honeypot: { path: 'website', label: fields['website']?.label ?? '' },
    messages: MESSAGES[lang],
    schema,
  };
}
