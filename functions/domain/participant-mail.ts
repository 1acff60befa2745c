import { mailTexts } from '../../schemas/i18n/mail.js';
import { directionOf, type Language } from '../../schemas/languages.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../../schemas/recognition-values.js';
import type { Site } from '../../schemas/sites.js';
import { escapeHtml } from './html.js';
import { addressLines, isolate, openingHoursInWords, telUri } from './office.js';
import { newChecklist, outstandingDocuments } from './recognition-checklist.js';

/**
 * Mails to a participant (pure), in their language: a plain-text and an HTML part, the office's
 * address, phone and opening hours, a note that a reply reaches the office, and the link to the
 * data notice. In Arabic and Farsi the HTML is right-to-left (`dir`, `lang`), and what must read
 * left to right (the reference, dates, numbers, the address, links) is isolated: Unicode isolates
 * (U+2068 FSI … U+2069 PDI) in the text, `<bdi dir="ltr">` in the HTML. Every value is escaped in the HTML.
 */

export interface MailParts {
  subject: string;
  text: string;
  html: string;
}

/** A template value: words (escaped in HTML), or `{ ltr }` for Latin letters and digits that read left to right. */
export type Value = string | { ltr: string };
export const ltr = (value: string): Value => ({ ltr: value });

const textOf = (v: Value, rtl: boolean) => (typeof v === 'string' ? v : rtl ? isolate(v.ltr) : v.ltr);
const htmlOf = (v: Value) => (typeof v === 'string' ? escapeHtml(v) : `<bdi dir="ltr">${escapeHtml(v.ltr)}</bdi>`);

/** A template (with `{name}` placeholders) filled for both parts. */
export function fillBoth(template: string, params: Record<string, Value>, rtl: boolean): { text: string; html: string } {
  const text = template.replace(/\{(\w+)\}/g, (whole, n: string) => (n in params ? textOf(params[n]!, rtl) : whole));
  const html = escapeHtml(template).replace(/\{(\w+)\}/g, (whole, n: string) => (n in params ? htmlOf(params[n]!) : whole));
  return { text, html };
}

const paragraphs = (html: string) =>
  html
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n');

export interface ParticipantMailInput {
  lang: Language;
  site: Site;
  /** The site's data notice in the participant's language (schemas/data-notice.ts `dataNoticeUrl`). */
  noticeUrl: string;
  subject: string;
  body: string;
  params: Record<string, Value>;
  /** Further blocks after the body (e.g. what to bring), already in both parts. */
  extra?: { text: string; html: string }[];
}

export function participantMail(m: ParticipantMailInput): MailParts {
  const t = mailTexts(m.lang);
  const dir = directionOf(m.lang);
  const rtl = dir === 'rtl';
  const subject = fillBoth(m.subject, m.params, rtl).text;
  const body = fillBoth(m.body, m.params, rtl);
  const o = m.site.office;
  const [street, city] = addressLines(o.address);
  const hours = openingHoursInWords(m.lang, o.openingHours);
  const i = (v: string) => textOf(ltr(v), rtl);
  const footerText = [
    `${t.officeTitle}: ${m.site.name}`,
    `${i(street)}, ${i(city)}`,
    `${t.phone}: ${i(o.phone)}`,
    `${t.openingHours}: ${hours.map((h) => `${h.days} ${i(h.time)}`).join('; ')}`,
    `${t.replyHint} ${i(o.replyTo)}`,
    '',
    `${t.noticeLink} ${i(m.noticeUrl)}`,
  ].join('\n');
  const b = (v: string) => htmlOf(ltr(v));
  const footerHtml =
    `<hr><p><strong>${escapeHtml(t.officeTitle)}: ${escapeHtml(m.site.name)}</strong><br>${b(street)}<br>${b(city)}<br>` +
    `${escapeHtml(t.phone)}: <a href="${escapeHtml(telUri(o.phone))}">${b(o.phone)}</a></p>\n` +
    `<p>${escapeHtml(t.openingHours)}:<br>${hours.map((h) => `${escapeHtml(h.days)}: ${b(h.time)}`).join('<br>')}</p>\n` +
    `<p>${escapeHtml(t.replyHint)} <a href="mailto:${escapeHtml(o.replyTo)}">${b(o.replyTo)}</a></p>\n` +
    `<p>${escapeHtml(t.noticeLink)} <a href="${escapeHtml(m.noticeUrl)}">${b(m.noticeUrl)}</a></p>`;
  const extra = m.extra ?? [];
  const text = [body.text, ...extra.map((e) => e.text), `---\n${footerText}\n`].join('\n\n');
  const html =
    `<!doctype html>\n<html lang="${m.lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>\n` +
    // Repeated on a wrapper: some mail clients drop the attributes of <html>.
    `<body><div lang="${m.lang}" dir="${dir}">\n${paragraphs(body.html)}\n${extra.map((e) => e.html).join('\n')}\n${footerHtml}\n</div></body></html>\n`;
  return { subject, text, html };
}

/**
 * What to bring for the recognition of a foreign qualification (the §5 BQFG checklist of
 * recognition-checklist.ts): what the person said they have, and what is still missing.
 */
export function whatToBring(lang: Language, atHand: readonly string[], today: string): { text: string; html: string } {
  const t = mailTexts(lang);
  const missing = outstandingDocuments(newChecklist(today, atHand));
  const have = DOCUMENT_KINDS.filter((k) => !missing.includes(k));
  const label = (k: DocumentKind) => t.documents[k];
  const blocks: [string, DocumentKind[]][] = [
    [t.bringHave, have.length > 0 ? have : missing],
    ...(have.length > 0 && missing.length > 0 ? [[t.bringMissing, missing] as [string, DocumentKind[]]] : []),
  ];
  const text = [...blocks.map(([title, kinds]) => `${title}\n${kinds.map((k) => `- ${label(k)}`).join('\n')}`), t.bringHelp].join('\n\n');
  const html =
    blocks.map(([title, kinds]) => `<p>${escapeHtml(title)}</p><ul>${kinds.map((k) => `<li>${escapeHtml(label(k))}</li>`).join('')}</ul>`).join('\n') +
    `\n<p>${escapeHtml(t.bringHelp)}</p>`;
  return { text, html };
}

