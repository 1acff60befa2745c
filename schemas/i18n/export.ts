import ar from './export/ar.json' with { type: 'json' };
import bg from './export/bg.json' with { type: 'json' };
import de from './export/de.json' with { type: 'json' };
import en from './export/en.json' with { type: 'json' };
import fa from './export/fa.json' with { type: 'json' };
import pl from './export/pl.json' with { type: 'json' };
import ro from './export/ro.json' with { type: 'json' };
import ru from './export/ru.json' with { type: 'json' };
import tr from './export/tr.json' with { type: 'json' };
import uk from './export/uk.json' with { type: 'json' };
import type { Language } from '../languages.js';

/** The access export's document texts (schemas/i18n/export/), one file per language; German is the master key set. */
export type ExportTexts = typeof de;

export const EXPORT_TEXTS: Record<Language, ExportTexts> = { de, en, tr, ar, bg, ro, uk, ru, fa, pl };
