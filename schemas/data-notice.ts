import type { Language } from './languages.js';
import { ROUTE_PATHS } from './routes/paths.js';

/**
 * The Art. 13 data notice: its versions, the supervisory authority it names, and where it is
 * published. The texts are in schemas/i18n/notice/<lang>.json (current version) and
 * schemas/i18n/notice/archive-<version>.json (earlier versions, kept word for word: a person's
 * consent refers to the version they were shown). functions/domain/data-notice.ts fills in the
 * site's configuration and renders the page at `/datenschutz?site=<id>&lang=<code>`.
 *
 * To change the notice: edit the texts, add a version below (its `since` date is shown on the
 * page), archive the previous texts, and leave earlier versions as they are (README, "Data notice").
 */

export interface NoticeVersion {
  version: string;
  /** The day it was first shown (YYYY-MM-DD). */
  since: string;
  /** What changed, for staff and the data-protection officer (German). */
  change: string;
}

/** Oldest first; the last entry is the current version, the one the intake page shows and accepts. */
export const NOTICE_VERSIONS: readonly NoticeVersion[] = [
  { version: '2026-11', since: '2026-11-01', change: 'Kurzinformation auf dem Anmeldeformular.' },
  {
    version: '2026-12',
    since: '2026-12-02',
    change:
      'Vollständige Information nach Art. 13 DSGVO je Standort: Verantwortlicher, Datenschutzbeauftragte/r, Zwecke und Rechtsgrundlagen, gesonderte Einwilligung für Teil 2 (Art. 9), Empfänger, Speicherdauer, alle Rechte, Beschwerde bei der LDI NRW.',
  },
];

export const CURRENT_NOTICE: NoticeVersion = NOTICE_VERSIONS[NOTICE_VERSIONS.length - 1]!;

/** The version the intake accepts consent to (older ones are refused with `notice_outdated`). */
export const DATA_NOTICE_VERSION = CURRENT_NOTICE.version;

/** The supervisory authority for sites in North Rhine-Westphalia (Art. 77 GDPR). */
export const SUPERVISORY_AUTHORITY = {
  name: 'Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW)',
  address: { street: 'Kavalleriestraße 2–4', postcode: '40213', city: 'Düsseldorf' },
  phone: '0211 38424-0',
  email: 'poststelle@ldi.nrw.de',
  web: 'https://www.ldi.nrw.de',
} as const;

export const DATA_NOTICE_PATH = ROUTE_PATHS.GetDataNotice.path;

/** The notice of a site in a language, as an absolute link (mails) or a path (`publicUrl` empty). */
export function dataNoticeUrl(publicUrl: string, site: string, lang: Language, version?: string): string {
  const query = new URLSearchParams({ site, lang, ...(version ? { version } : {}) });
  return `${publicUrl}${DATA_NOTICE_PATH}?${query.toString()}`;
}
