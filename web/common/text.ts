/** Replaces {name} placeholders; unknown placeholders stay visible rather than vanish (as schemas/i18n/fill.ts). */
export function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
