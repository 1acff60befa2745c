import { fill } from '../../schemas/i18n/fill.js';
import { mailTexts } from '../../schemas/i18n/mail.js';
import type { Language } from '../../schemas/languages.js';

/** Mail texts as pure functions: participant mails in their language, team mails without personal data. */

export function confirmationMail(lang: Language, reference: string, siteName: string) {
  const t = mailTexts(lang);
  return {
    subject: fill(t.confirmationSubject, { reference }),
    text: fill(t.confirmationBody, { reference, site: siteName }),
  };
}

/** Staff work in German. The notice carries only the reference and a console link. */
export function teamNoticeMail(reference: string, consoleLink: string, duplicate: boolean) {
  const subject = duplicate
    ? `BIWAQ: erneute Anmeldung ${reference} (mögliches Duplikat)`
    : `BIWAQ: neue Anmeldung ${reference}`;
  const lead = duplicate
    ? `Eine Person, die schon angemeldet ist, hat sich erneut angemeldet (Nummer ${reference}). Die Angaben sind der bestehenden Akte zugeordnet und markiert.`
    : `Es gibt eine neue Anmeldung mit der Nummer ${reference}.`;
  const text = `${lead}\n\nIn der Konsole öffnen:\n${consoleLink}\n\nBitte nehmen Sie innerhalb von zwei Arbeitstagen Kontakt auf.\n`;
  return { subject, text };
}
