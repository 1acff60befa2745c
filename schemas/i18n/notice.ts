import ar from './notice/ar.json' with { type: 'json' };
import bg from './notice/bg.json' with { type: 'json' };
import de from './notice/de.json' with { type: 'json' };
import en from './notice/en.json' with { type: 'json' };
import fa from './notice/fa.json' with { type: 'json' };
import pl from './notice/pl.json' with { type: 'json' };
import ro from './notice/ro.json' with { type: 'json' };
import ru from './notice/ru.json' with { type: 'json' };
import tr from './notice/tr.json' with { type: 'json' };
import uk from './notice/uk.json' with { type: 'json' };
import archive202611 from './notice/archive-2026-11.json' with { type: 'json' };
import { DEFAULT_LANGUAGE, type Language } from '../languages.js';

/** The data notice's texts (current version), one file per language (schemas/i18n/notice/). */
export type NoticeTexts = typeof en;

export const NOTICE_TEXTS: Record<Language, NoticeTexts> = { de, en, tr, ar, bg, ro, uk, ru, fa, pl };

export function noticeTexts(lang: Language): NoticeTexts {
  return NOTICE_TEXTS[lang] ?? NOTICE_TEXTS[DEFAULT_LANGUAGE];
}

/** Earlier versions, word for word as they were shown: a short title and text per language. */
export const NOTICE_ARCHIVE: Record<string, Record<Language, { title: string; text: string }>> = {
  '2026-11': archive202611,
};
