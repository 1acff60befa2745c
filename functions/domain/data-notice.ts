import { CURRENT_NOTICE, NOTICE_VERSIONS, SUPERVISORY_AUTHORITY, dataNoticeUrl, type NoticeVersion } from '../../schemas/data-notice.js';
import { fill } from '../../schemas/i18n/fill.js';
import { NOTICE_ARCHIVE, noticeTexts, type NoticeTexts } from '../../schemas/i18n/notice.js';
import { LANGUAGES, directionOf, type Language } from '../../schemas/languages.js';
import { RECORD_TYPES, RETENTION, type RecordType } from '../../schemas/retention.js';
import type { PostalAddress, Site } from '../../schemas/sites.js';
import { html, type Html } from './html.js';
import { addressLines, openingHoursInWords, telUri } from './office.js';

/**
 * The Art. 13 data notice as a page (pure): the site's configuration filled into the texts of
 * schemas/i18n/notice/, retention periods from schemas/retention.ts. No script; every configured
 * value is escaped; numbers, addresses and e-mail addresses are isolated left to right (`<bdi>`),
 * so they read correctly in Arabic and Farsi.
 */

export interface NoticeRequest {
  lang: Language;
  /** Undefined: the page lists the sites. */
  site?: Site;
  sites: readonly Site[];
  /** Undefined: the current version. */
  version?: NoticeVersion;
  funderRetentionEnd: string;
}

const ltr = (value: string) => html`<bdi dir="ltr">${value}</bdi>`;
const longDate = (lang: Language, day: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

function postal(a: PostalAddress): Html {
  const [street, city] = addressLines(a);
  return html`${ltr(street)}<br>${ltr(city)}`;
}

function contact(t: NoticeTexts, phone: string | undefined, email: string): Html {
  return html`${phone ? html`<br>${t.phone}: <a href="${telUri(phone)}">${ltr(phone)}</a>` : ''}<br>${t.email}: <a href="mailto:${email}">${ltr(email)}</a>`;
}

/** The line of `type` in the reader's words, with its period filled in. */
export function retentionLine(t: NoticeTexts, lang: Language, type: RecordType, funderRetentionEnd: string): string {
  const keep = RETENTION[type].keep;
  const params =
    keep === 'funder_retention_end' ? { until: longDate(lang, funderRetentionEnd) } : 'days' in keep ? { days: keep.days } : { months: keep.months };
  return fill((t.retention as Record<RecordType, string>)[type], params);
}

function languageLinks(current: Language, siteId: string | undefined, label: string, version?: string): Html {
  return html`<nav class="languages" aria-label="${label}"><ul>${LANGUAGES.map(
    (l) =>
      html`<li><a href="${siteId ? dataNoticeUrl('', siteId, l.code, version) : `/datenschutz?lang=${l.code}`}" lang="${l.code}" dir="${l.dir}" hreflang="${l.code}"${
        l.code === current ? html` aria-current="page"` : ''
      }>${l.name}</a></li>`,
  )}</ul></nav>`;
}

function siteList(t: NoticeTexts, lang: Language, sites: readonly Site[]): Html {
  return html`<p>${t.chooseSite}</p><ul class="sites">${sites.map((s) => html`<li><a href="${dataNoticeUrl('', s.id, lang)}">${s.name}</a></li>`)}</ul>`;
}

function layout(lang: Language, title: string, nav: Html, body: Html): string {
  return html`<!doctype html>
<html lang="${lang}" dir="${directionOf(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/notice.css">
</head>
<body>
<header>${nav}</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.value;
}

function currentNotice(t: NoticeTexts, lang: Language, site: Site, funderRetentionEnd: string): Html {
  const s = { site: site.name };
  const c = site.controller;
  const o = site.office;
  const li = (items: string[]) => html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
  const a = SUPERVISORY_AUTHORITY;
  return html`<p>${fill(t.intro, s)}</p>
<p class="version">${fill(t.versionLine, { version: CURRENT_NOTICE.version, date: longDate(lang, CURRENT_NOTICE.since) })}</p>
<section><h2>${t.controllerTitle}</h2><p>${fill(t.controllerText, s)}</p>
<address><strong>${ltr(c.name)}</strong><br>${postal(c.address)}${contact(t, c.phone, c.email)}</address></section>
<section><h2>${t.officeTitle}</h2><p>${t.officeText}</p>
<address><strong>${site.name}</strong><br>${postal(o.address)}${contact(t, o.phone, o.replyTo)}</address>
<h3>${t.openingHours}</h3><ul class="hours">${openingHoursInWords(lang, o.openingHours).map((h) => html`<li>${h.days}: ${ltr(h.time)}</li>`)}</ul></section>
<section><h2>${t.dpoTitle}</h2><p>${t.dpoText}</p>
<address><strong>${ltr(site.dpo.name)}</strong>${site.dpo.address ? html`<br>${postal(site.dpo.address)}` : ''}${contact(t, site.dpo.phone, site.dpo.email)}</address></section>
<section><h2>${t.purposesTitle}</h2>${li([t.purposeSupport, t.purposeContact, t.purposeReporting])}
<p class="special">${t.purposeSpecial}</p><p>${t.voluntaryText}</p><p>${t.automatedText}</p></section>
<section><h2>${t.recipientsTitle}</h2>${li([fill(t.recipientStaff, s), t.recipientFunder, t.recipientJobcenter, t.recipientEmployer, t.recipientProcessor])}</section>
<section><h2>${t.retentionTitle}</h2>${li(RECORD_TYPES.map((type) => retentionLine(t, lang, type, funderRetentionEnd)))}</section>
<section><h2>${t.rightsTitle}</h2><p>${t.rightsIntro}</p>${li(Object.values(t.rights))}<p>${t.rightsHow}</p></section>
<section><h2>${t.complaintTitle}</h2><p>${t.complaintText}</p>
<address><strong lang="de" dir="ltr">${a.name}</strong><br>${postal(a.address)}${contact(t, a.phone, a.email)}<br><a href="${a.web}">${ltr(a.web)}</a></address></section>`;
}

/** The page for a request: the site's current notice, an earlier version word for word, or the list of sites. */
export function dataNoticePage(r: NoticeRequest): string {
  const t = noticeTexts(r.lang);
  const nav = languageLinks(r.lang, r.site?.id, t.languages, r.version && r.version !== CURRENT_NOTICE ? r.version.version : undefined);
  if (!r.site) return layout(r.lang, t.title, nav, siteList(t, r.lang, r.sites));
  if (r.version && r.version !== CURRENT_NOTICE) {
    const old = NOTICE_ARCHIVE[r.version.version]?.[r.lang];
    if (old) {
      const body = html`<p class="earlier" role="note">${fill(t.earlierVersion, { version: r.version.version })} <a href="${dataNoticeUrl('', r.site.id, r.lang)}">${t.currentVersion}</a></p>
${old.text.split(/\n+/).map((p) => html`<p>${p}</p>`)}`;
      return layout(r.lang, old.title, nav, body);
    }
  }
  return layout(r.lang, t.title, nav, currentNotice(t, r.lang, r.site, r.funderRetentionEnd));
}

/** A version by its name; undefined when there is none (the page answers 404). */
export function noticeVersion(version: string | undefined): NoticeVersion | undefined {
  return version === undefined ? CURRENT_NOTICE : NOTICE_VERSIONS.find((v) => v.version === version);
}
