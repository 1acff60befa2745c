import { describe, expect, it } from 'vitest';
import { FORM_TEXTS } from '../../schemas/i18n/form.js';
import { MAIL_TEXTS } from '../../schemas/i18n/mail.js';
import { MESSAGES } from '../../schemas/i18n/messages.js';
import { NOTICE_TEXTS } from '../../schemas/i18n/notice.js';
import { EXPORT_TEXTS } from '../../schemas/i18n/export.js';

/** All texts of a language, as one tree per language, whichever file they live in. */
const TRANSLATIONS = Object.fromEntries(
  LANGUAGES.map(({ code }) => [code, { ...FORM_TEXTS[code], messages: MESSAGES[code], mail: MAIL_TEXTS[code], dataNotice: NOTICE_TEXTS[code], export: EXPORT_TEXTS[code] }]),
) as Record<
  (typeof LANGUAGES)[number]['code'],
  typeof FORM_TEXTS.en & { messages: typeof MESSAGES.en; mail: typeof MAIL_TEXTS.en; dataNotice: typeof NOTICE_TEXTS.en; export: typeof EXPORT_TEXTS.de }
>;
import { buildFormDefinition } from '../../schemas/form-definition.js';
import { LANGUAGES, languageFromAcceptHeader } from '../../schemas/languages.js';
import { DEMO_SITES } from '../../schemas/sites.js';

type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : leaves(v, `${prefix}${k}.`)));
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const master = new Map(leaves(TRANSLATIONS.en as unknown as Tree));

describe('translations', () => {
  it('cover all ten languages', () => {
    expect(Object.keys(TRANSLATIONS).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  it.each(LANGUAGES.map((l) => l.code))('%s has every key, the same placeholders and line breaks', (lang) => {
    const own = new Map(leaves(TRANSLATIONS[lang] as unknown as Tree));
    expect([...own.keys()].sort()).toEqual([...master.keys()].sort());
    for (const [key, en] of master) {
      const text = own.get(key) ?? '';
      expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(en));
      expect(text.split('\n').length, `${lang} ${key}`).toBe(en.split('\n').length);
      if (en !== '') expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('are really translated (not English copies) outside names and examples', () => {
    for (const { code } of LANGUAGES.filter((l) => l.code !== 'en')) {
      const t = TRANSLATIONS[code];
      expect(t.form.submit, code).not.toBe(TRANSLATIONS.en.form.submit);
      expect(t.messages.required, code).not.toBe(TRANSLATIONS.en.messages.required);
      expect(t.dataNotice.purposeSpecial, code).not.toBe(TRANSLATIONS.en.dataNotice.purposeSpecial);
      expect(t.mail.replyHint, code).not.toBe(TRANSLATIONS.en.mail.replyHint);
    }
  });
});

describe('form definition', () => {
  it.each(LANGUAGES.map((l) => l.code))('%s labels every field and every option', (lang) => {
    const def = buildFormDefinition(lang, DEMO_SITES);
    expect(def.lang).toBe(lang);
    for (const section of def.sections) {
      expect(section.title).not.toBe(section.id);
      for (const field of section.fields) {
        expect(field.label, field.path).not.toBe(field.path);
        for (const o of field.options ?? []) expect(o.label, `${field.path}.${o.value}`).not.toBe('');
      }
    }
  });

  it('is right-to-left in Arabic and Farsi only', () => {
    const rtl = LANGUAGES.filter((l) => buildFormDefinition(l.code, DEMO_SITES).dir === 'rtl').map((l) => l.code);
    expect(rtl.sort()).toEqual(['ar', 'fa']);
  });

  it('carries the JSON Schema generated from the contract', () => {
    const def = buildFormDefinition('de', DEMO_SITES);
    const schema = def.schema as { properties: Record<string, any>; required: string[]; additionalProperties: boolean };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['lang', 'site', 'person', 'contact', 'help', 'consent']));
    expect(schema.properties['site'].enum).toEqual(['marxloh', 'hochfeld']);
    expect(schema.properties['person'].properties.address.properties.postcode.pattern).toBe('^\\d{5}$');
    expect(schema.properties['person'].properties.firstName.maxLength).toBe(60);
  });

  it('names countries in the form language', () => {
    const country = (lang: 'de' | 'ar') =>
      buildFormDefinition(lang, DEMO_SITES)
        .sections.flatMap((s) => s.fields)
        .find((f) => f.path === 'qualification.country')
        ?.options?.find((o) => o.value === 'SY')?.label;
    expect(country('de')).toBe('Syrien');
    expect(country('ar')).toBe('سوريا');
  });
});

describe('language negotiation', () => {
  it('picks the best supported language from Accept-Language', () => {
    expect(languageFromAcceptHeader('ar-SY,ar;q=0.9,en;q=0.5')).toBe('ar');
    expect(languageFromAcceptHeader('ku;q=1, uk;q=0.8')).toBe('uk');
    expect(languageFromAcceptHeader('prs-AF')).toBe('fa');
    expect(languageFromAcceptHeader('xx, yy;q=0.5')).toBeUndefined();
    expect(languageFromAcceptHeader(undefined)).toBeUndefined();
  });
});
