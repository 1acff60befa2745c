import ar from './mail/ar.json' with { type: 'json' };
import bg from './mail/bg.json' with { type: 'json' };
import de from './mail/de.json' with { type: 'json' };
import en from './mail/en.json' with { type: 'json' };
import fa from './mail/fa.json' with { type: 'json' };
import pl from './mail/pl.json' with { type: 'json' };
import ro from './mail/ro.json' with { type: 'json' };
import ru from './mail/ru.json' with { type: 'json' };
import tr from './mail/tr.json' with { type: 'json' };
import uk from './mail/uk.json' with { type: 'json' };
import { DEFAULT_LANGUAGE, type Language } from '../languages.js';

/** Participant mail texts, one file per language (schemas/i18n/mail/). */
export type MailTexts = typeof en;

export const MAIL_TEXTS: Record<Language, MailTexts> = { de, en, tr, ar, bg, ro, uk, ru, fa, pl };

export function mailTexts(lang: Language): MailTexts {
  return MAIL_TEXTS[lang] ?? MAIL_TEXTS[DEFAULT_LANGUAGE];
}
