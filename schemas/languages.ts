/** The ten intake languages (docs/domain.md, Languages), each named in itself, with its writing direction. */
export const LANGUAGES = [
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'tr', name: 'Türkçe', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'bg', name: 'Български', dir: 'ltr' },
  { code: 'ro', name: 'Română', dir: 'ltr' },
  { code: 'uk', name: 'Українська', dir: 'ltr' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
  { code: 'fa', name: 'فارسی / دری', dir: 'rtl' },
  { code: 'pl', name: 'Polski', dir: 'ltr' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];
export type TextDirection = 'ltr' | 'rtl';
export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as [Language, ...Language[]];
export const DEFAULT_LANGUAGE: Language = 'de';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGE_CODES as string[]).includes(value);
}

export function directionOf(lang: Language): TextDirection {
  return LANGUAGES.find((l) => l.code === lang)?.dir ?? 'ltr';
}

/** Picks the first supported language from an Accept-Language header ("ar-SY,ar;q=0.9,en;q=0.5"). */
export function languageFromAcceptHeader(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  // Dari is written in Persian script and shares our Farsi translation.
  const alias: Record<string, string> = { prs: 'fa' };
  for (const r of ranked) {
    const code = alias[r.base] ?? r.base;
    if (isLanguage(code)) return code;
  }
  return undefined;
}
