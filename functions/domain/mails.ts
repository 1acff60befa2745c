import { mailTexts } from '../../schemas/i18n/mail.js';
import type { Language } from '../../schemas/languages.js';
import type { Site } from '../../schemas/sites.js';
import { ltr, participantMail, whatToBring, type MailParts } from './participant-mail.js';
import { berlinDate } from './working-days.js';

/** Mail texts as pure functions: participant mails in their language (participant-mail.ts), team mails without personal data. */

export interface Confirmation {
  lang: Language;
  reference: string;
  site: Site;
  noticeUrl: string;
  /** Wants help with the recognition of a foreign qualification: the documents the intake said are at hand. */
  recognition?: { documents: readonly string[]; today: string };
}

/** The confirmation of a registration: the reference, the office, the notice, and for a recognition what to bring. */
export function confirmationMail(c: Confirmation): MailParts {
  const t = mailTexts(c.lang);
  return participantMail({
    lang: c.lang,
    site: c.site,
    noticeUrl: c.noticeUrl,
    subject: t.confirmationSubject,
    body: t.confirmationBody,
    params: { reference: ltr(c.reference), site: c.site.name },
    extra: c.recognition ? [whatToBring(c.lang, c.recognition.documents, c.recognition.today)] : [],
  });
}

/** The console page of a participant (team mails carry this link and the reference only). */
export function participantLink(consoleUrl: string, participantId: string): string {
  return `${consoleUrl}/participants/${encodeURIComponent(participantId)}`;
}

/**
 * Staff work in German. The notice carries only the reference and a console link. `viaSite`:
 * a duplicate that came in through another site's intake (that site's name, no person).
 */
export function teamNoticeMail(reference: string, consoleLink: string, duplicate: boolean, viaSite?: string) {
  const subject = duplicate
    ? `BIWAQ: erneute Anmeldung ${reference} (mögliches Duplikat)`
    : `BIWAQ: neue Anmeldung ${reference}`;
  const lead = duplicate
    ? `Eine Person, die schon angemeldet ist, hat sich erneut angemeldet (Nummer ${reference})${viaSite ? `, diesmal über ${viaSite}` : ''}. Die Angaben sind der bestehenden Akte zugeordnet und markiert.` +
      (viaSite ? ` ${viaSite} wurde informiert, dass die Person bereits bei Ihnen angemeldet ist; bitte stimmen Sie sich ab – die Akte kann an ${viaSite} übergeben werden.` : '')
    : `Es gibt eine neue Anmeldung mit der Nummer ${reference}.`;
  const text = `${lead}\n\nIn der Konsole öffnen:\n${consoleLink}\n\nBitte nehmen Sie innerhalb von zwei Arbeitstagen Kontakt auf.\n`;
  return { subject, text };
}

/**
 * To the team of the site a person registered at when another site holds their record (one
 * person, one project): the reference and the other site only — no person, and no console link,
 * because this team cannot open that record.
 */
export function otherSiteNoticeMail(reference: string, owner: { name: string; teamEmail: string }) {
  return {
    subject: `BIWAQ: Anmeldung ${reference} – bereits bei ${owner.name} angemeldet`,
    text:
      `Anmeldung ${reference}: bereits bei ${owner.name} angemeldet — bitte mit ${owner.name} abstimmen.\n\n` +
      `Die Person ist im Projekt schon registriert; ihre neue Anmeldung wurde der Akte bei ${owner.name} zugeordnet und erscheint nicht in Ihrer Konsole. ` +
      `Soll die Person bei Ihnen betreut werden, kann die Leitung von ${owner.name} die Akte an Sie übergeben.\n\n` +
      `Kontakt: ${owner.teamEmail}\n`,
  };
}

/** To the lead of the site that receives a participant: the reference and a console link only. */
export function transferNoticeMail(reference: string, consoleLink: string, fromSite: string, toSite: string) {
  return {
    subject: `BIWAQ: Akte ${reference} von ${fromSite} übergeben`,
    text:
      `${fromSite} hat die Akte ${reference} an ${toSite} übergeben. Sie erscheint ab jetzt in Ihrer Konsole:\n${consoleLink}\n\n` +
      `Bitte ordnen Sie die Person einer Beraterin oder einem Berater zu.\n`,
  };
}

/** Reminder to the site team: no first contact within 2 working days. Reference and link only. */
export function followUpReminderMail(reference: string, consoleLink: string, dueAt: string) {
  return {
    subject: `BIWAQ: Erinnerung – noch kein Erstkontakt zu ${reference}`,
    text:
      `Zur Anmeldung ${reference} ist seit zwei Arbeitstagen kein Erstkontakt erfasst (Frist: Ende des ${lastDayBefore(dueAt)}).\n\n` +
      `Bitte nehmen Sie Kontakt auf und erfassen Sie ihn in der Konsole:\n${consoleLink}\n`,
  };
}

/** Escalation to the site lead: no first contact within 5 working days. Reference and link only. */
export function followUpEscalationMail(reference: string, consoleLink: string, dueAt: string) {
  return {
    subject: `BIWAQ: Eskalation – seit fünf Arbeitstagen kein Erstkontakt zu ${reference}`,
    text:
      `Zur Anmeldung ${reference} ist seit fünf Arbeitstagen kein Erstkontakt erfasst (Frist: Ende des ${lastDayBefore(dueAt)}). ` +
      `Das Team wurde bereits erinnert.\n\nBitte sorgen Sie für einen Kontakt:\n${consoleLink}\n`,
  };
}

/**
 * A follow-up is due at 00:00 Berlin time after the last working day of its period; staff read
 * that day ("Ende des 31.03.2027"). Berlin time from working-days.ts, not Intl's time-zone data.
 */
function lastDayBefore(dueAt: string): string {
  const [y, m, d] = berlinDate(new Date(Date.parse(dueAt) - 1)).split('-');
  return `${d}.${m}.${y}`;
}
