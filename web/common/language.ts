/**
 * The page's first language: `?lang=` in the URL, then the browser's preferences, then German.
 * `supported` comes from the server (the definition's language list) or, before the first
 * definition has arrived, from the codes the server is known to accept.
 */
const ALIASES: Record<string, string> = { prs: 'fa' }; // Dari is written in Persian script and shares the Farsi texts

export function initialLanguage(search: string, preferred: readonly string[], supported: readonly string[], fallback = 'de'): string {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (fromUrl && supported.includes(fromUrl)) return fromUrl;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    const code = ALIASES[base] ?? base;
    if (supported.includes(code)) return code;
  }
  return fallback;
}
