import ar from './form/ar.json' with { type: 'json' };
import bg from './form/bg.json' with { type: 'json' };
import de from './form/de.json' with { type: 'json' };
import en from './form/en.json' with { type: 'json' };
import fa from './form/fa.json' with { type: 'json' };
import pl from './form/pl.json' with { type: 'json' };
import ro from './form/ro.json' with { type: 'json' };
import ru from './form/ru.json' with { type: 'json' };
import tr from './form/tr.json' with { type: 'json' };
import uk from './form/uk.json' with { type: 'json' };
import { DEFAULT_LANGUAGE, type Language } from '../languages.js';

/** Form texts (labels, help, options, data notice), one file per language (schemas/i18n/form/). */
export type FormTexts = typeof en;

export const FORM_TEXTS: Record<Language, FormTexts> = { de, en, tr, ar, bg, ro, uk, ru, fa, pl };

export function formTexts(lang: Language): FormTexts {
  return FORM_TEXTS[lang] ?? FORM_TEXTS[DEFAULT_LANGUAGE];
}
