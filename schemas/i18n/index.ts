import ar from './ar.json' with { type: 'json' };
import bg from './bg.json' with { type: 'json' };
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import fa from './fa.json' with { type: 'json' };
import pl from './pl.json' with { type: 'json' };
import ro from './ro.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };
import tr from './tr.json' with { type: 'json' };
import uk from './uk.json' with { type: 'json' };
import { DEFAULT_LANGUAGE, type Language } from '../languages.js';

/** Translations are data, one file per language; English is the master for the key set. */
export type Translation = typeof en;
export type MessageCode = keyof Translation['messages'];

export const TRANSLATIONS: Record<Language, Translation> = { de, en, tr, ar, bg, ro, uk, ru, fa, pl };

export function translation(lang: Language): Translation {
  return TRANSLATIONS[lang] ?? TRANSLATIONS[DEFAULT_LANGUAGE];
}

/** Replaces {name} placeholders; unknown placeholders stay visible rather than vanish. */
export function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function message(lang: Language, code: string, params?: Record<string, unknown>): string {
  const messages = translation(lang).messages as Record<string, string>;
  return fill(messages[code] ?? messages['invalid_type'] ?? code, params);
}
