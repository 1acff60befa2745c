import ar from './messages/ar.json' with { type: 'json' };
import bg from './messages/bg.json' with { type: 'json' };
import de from './messages/de.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import fa from './messages/fa.json' with { type: 'json' };
import pl from './messages/pl.json' with { type: 'json' };
import ro from './messages/ro.json' with { type: 'json' };
import ru from './messages/ru.json' with { type: 'json' };
import tr from './messages/tr.json' with { type: 'json' };
import uk from './messages/uk.json' with { type: 'json' };
import { DEFAULT_LANGUAGE, type Language } from '../languages.js';
import { fill } from './fill.js';

/** API error messages, one file per language (schemas/i18n/messages/); English is the master key set. */
export type Messages = typeof en;
export type MessageCode = keyof Messages;

export const MESSAGES: Record<Language, Messages> = { de, en, tr, ar, bg, ro, uk, ru, fa, pl };

export function isMessageCode(code: string): code is MessageCode {
  return code in en;
}

export function message(lang: Language, code: string, params?: Record<string, unknown>): string {
  const messages = (MESSAGES[lang] ?? MESSAGES[DEFAULT_LANGUAGE]) as Record<string, string>;
  return fill(messages[code] ?? messages['invalid_type'] ?? code, params);
}
