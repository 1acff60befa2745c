import { describe, expect, it } from 'vitest';
import { placementCancelledMail, placementCheckInMail, placementFeedbackMail, placementRequestMail, type Sender } from '../../functions/domain/employer-mails.js';
import { confirmationMail, followUpEscalationMail, followUpReminderMail, otherSiteNoticeMail, teamNoticeMail, transferNoticeMail } from '../../functions/domain/mails.js';
import { placementConfirmedParticipantMail, placementTeamMail } from '../../functions/domain/placement-mails.js';
import { recognitionReminderMail } from '../../functions/domain/recognition-mails.js';
import { dataNoticeUrl } from '../../schemas/data-notice.js';
import { MAIL_TEXTS } from '../../schemas/i18n/mail.js';
import { LANGUAGES, LANGUAGE_CODES, type Language } from '../../schemas/languages.js';
import type { Placement } from '../../schemas/model/placement.js';
import { DEMO_SITES } from '../../schemas/sites.js';
import { storedPlacement } from '../fixtures.js';

const FSI = '\u2068';
const PDI = '\u2069';
const site = DEMO_SITES[0]!;
const REF = '7KQM-4XPD';
const notice = (lang: Language) => dataNoticeUrl('https://biwaq.example', site.id, lang);
const confirmation = (lang: Language, recognition?: { documents: string[]; today: string }) =>
  confirmationMail({ lang, reference: REF, site, noticeUrl: notice(lang), ...(recognition ? { recognition } : {}) });
const rtl = (lang: Language) => LANGUAGES.find((l) => l.code === lang)!.dir === 'rtl';

describe('mails to participants: both parts, the office, the notice, in every language', () => {
  it.each(LANGUAGE_CODES)('%s: text and HTML, direction and language, the office and the notice link', (lang) => {
    const m = confirmation(lang);
    const dir = rtl(lang) ? 'rtl' : 'ltr';
    expect(m.html).toContain(`<html lang="${lang}" dir="${dir}">`);
    expect(m.html).toContain(`<div lang="${lang}" dir="${dir}">`);
    const t = MAIL_TEXTS[lang];
    for (const part of [m.text, m.html]) {
      for (const value of [REF, site.office.phone, site.office.address.street, site.office.replyTo, t.replyHint, t.openingHours]) expect(part).toContain(value);
      expect(part).toContain(notice(lang).replace(/&/g, part === m.html ? '&amp;' : '&'));
    }
    expect(m.html).toContain(`href="${notice(lang).replace(/&/g, '&amp;')}"`);
    expect(m.html).toContain(`href="mailto:${site.office.replyTo}"`);
    // Opening hours in the reader's words (weekday names from Intl), e.g. Monday–Thursday.
    const monday = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1)));
    expect(m.text).toContain(monday);
    expect(m.subject).not.toMatch(/[\r\n]/);
  });

  it.each(LANGUAGE_CODES.filter(rtl))('%s: the reference, numbers and links are isolated left to right (the Arabic/Farsi text no longer breaks them)', (lang) => {
    const m = confirmation(lang);
    // Before: the bare "7KQM-4XPD" inside right-to-left text was reordered by the bidi algorithm ("4XPD-7KQM").
    // Now every occurrence is wrapped in FSI … PDI in the text, and in <bdi dir="ltr"> in the HTML.
    const bare = (s: string, v: string) => s.split(v).length - 1 - (s.split(`${FSI}${v}${PDI}`).length - 1);
    for (const v of [REF, site.office.phone, notice(lang), '09:00–16:00']) {
      expect(m.text).toContain(`${FSI}${v}${PDI}`);
      expect(bare(m.text, v)).toBe(0);
    }
    expect(m.subject).toContain(`${FSI}${REF}${PDI}`);
    expect(m.html).toContain(`<bdi dir="ltr">${REF}</bdi>`);
    expect(m.html).toContain(`<bdi dir="ltr">${site.office.phone}</bdi>`);
    expect(m.html.split(REF).length - 1).toBe(m.html.split(`<bdi dir="ltr">${REF}</bdi>`).length - 1 + 1); // + the <title>
  });

  it.each(LANGUAGE_CODES.filter((l) => !rtl(l)))('%s: no isolates in left-to-right text', (lang) => {
    expect(confirmation(lang).text).not.toMatch(/[\u2066-\u2069]/);
  });

  it('escapes what staff typed (employer, role) in the HTML part, and keeps it as typed in the text', () => {
    const p = { ...storedPlacement(), employer: { ...storedPlacement()['employer'], name: '<img src=x onerror=alert(1)> & Söhne' }, role: 'Lager "A"' } as Placement;
    const m = placementConfirmedParticipantMail('ar', p, site, notice('ar'));
    expect(m.html).not.toContain('<img');
    expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Söhne');
    expect(m.html).toContain('Lager &quot;A&quot;');
    expect(m.text).toContain('<img src=x onerror=alert(1)> & Söhne');
    expect(m.html).toContain('dir="rtl"');
    expect(m.text).toContain(`${FSI}${p.startDate.split('-').reverse().join('.')}${PDI}`);
  });

  it.each(LANGUAGE_CODES)('%s: a recognition says what to bring, what is at hand first, then what is missing', (lang) => {
    const t = MAIL_TEXTS[lang];
    const m = confirmation(lang, { documents: ['certificates', 'transcripts'], today: '2026-12-02' });
    expect(m.text).toContain(`${t.bringHave}\n- ${t.documents.certificates}\n\n${t.bringMissing}\n- ${t.documents.cv_german}`);
    for (const k of ['id_document', 'work_experience', 'no_earlier_application', 'translations'] as const) {
      expect(m.text).toContain(`- ${t.documents[k]}`);
      expect(m.html).toContain(`<li>${t.documents[k]}</li>`);
    }
    // Nothing at hand: one list of everything to bring.
    const none = confirmation(lang, { documents: [], today: '2026-12-02' });
    expect(none.text).not.toContain(t.bringMissing);
    expect(none.text.match(/^- /gm)).toHaveLength(6);
    expect(confirmation(lang).text).not.toContain(t.bringHave);
  });
});

describe('mails to employers', () => {
  const sender: Sender = { siteName: site.name, teamEmail: site.teamEmail, replyTo: site.office.replyTo, office: site.office, noticeUrl: notice('de') };
  const p = { ...storedPlacement(), role: 'Verkauf <Theke>' } as Placement;
  const mails = {
    request: placementRequestMail(p, 'https://biwaq.example/p/abc', '2027-03-01T23:00:00.000Z', sender, 'request'),
    checkIn: placementCheckInMail(p, sender),
    feedback: placementFeedbackMail(p, 'https://biwaq.example/p/abc', '2027-03-20T23:00:00.000Z', sender, 'request'),
    cancelled: placementCancelledMail(p, sender),
  };
  it.each(Object.entries(mails))('%s: both parts, the office with its hours, the notice, the office as the address to write to', (_, m) => {
    for (const part of [m.text, m.html]) {
      for (const v of [site.office.phone, site.office.address.street, site.office.replyTo, 'Montag–Donnerstag']) expect(part).toContain(v);
      expect(part).toContain(part === m.html ? notice('de').replace(/&/g, '&amp;') : notice('de'));
      expect(part).not.toContain(site.teamEmail);
    }
    expect(m.html).toContain('<html lang="de" dir="ltr">');
    expect(m.html).toContain('Verkauf &lt;Theke&gt;');
    expect(m.html).not.toContain('<Theke>');
  });
});

describe('mails to teams, leads and coordinators carry no personal data', () => {
  const link = 'https://biwaq.example/console/participants/p1';
  const due = { kind: 'decision_overdue', due: '2027-04-01' } as const;
  const staffMails = [
    teamNoticeMail(REF, link, false),
    teamNoticeMail(REF, link, true, 'BIWAQ Hochfeld'),
    otherSiteNoticeMail(REF, { name: site.name, teamEmail: site.teamEmail }),
    transferNoticeMail(REF, link, 'BIWAQ Marxloh', 'BIWAQ Hochfeld'),
    followUpReminderMail(REF, link, '2026-12-04T23:00:00.000Z'),
    followUpEscalationMail(REF, link, '2026-12-09T23:00:00.000Z'),
    placementTeamMail('confirmed', REF, link),
    recognitionReminderMail(due as never, REF, link),
  ];
  it('takes only a reference, links and site names: nothing about the person can get in', () => {
    const p = storedPlacement();
    const personal = [p['participantFirstName'], p['employer'].contactName, p['employer'].email, 'Beispielfrau', '47169', '@example.org'];
    for (const m of staffMails) {
      expect(m.text).toContain(REF);
      for (const v of personal) expect(`${m.subject}\n${m.text}`).not.toContain(v);
    }
  });
});
