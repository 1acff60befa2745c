import { mailTexts } from '../../schemas/i18n/mail.js';
import type { Language } from '../../schemas/languages.js';
import type { Placement } from '../../schemas/model/placement.js';
import type { Site } from '../../schemas/sites.js';
import { germanDate } from './html.js';
import { ltr, participantMail, type MailParts } from './participant-mail.js';

/**
 * Trial placement mails to the site team (German, the staff language; the participant's
 * reference and a console link only, as every team mail) and to the participant (their language).
 */

export type TeamEvent = 'confirmed' | 'declined' | 'expired' | 'feedback_missing';

const TEAM: Record<TeamEvent, { subject: string; text: string }> = {
  confirmed: { subject: 'Erprobung zugesagt', text: 'Der Betrieb hat die betriebliche Erprobung zugesagt. Die Halbzeit-Nachfrage und die Bitte um Rückmeldung am letzten Tag gehen automatisch an den Betrieb.' },
  declined: { subject: 'Erprobung abgesagt', text: 'Der Betrieb hat die betriebliche Erprobung abgesagt. Den Grund (falls angegeben) sehen Sie in der Konsole.' },
  expired: { subject: 'Anfrage abgelaufen', text: 'Der Betrieb hat innerhalb von zehn Arbeitstagen nicht auf die Anfrage einer betrieblichen Erprobung geantwortet (nach zwei Erinnerungen). Die Anfrage ist abgelaufen; bitte nehmen Sie Kontakt mit dem Betrieb auf.' },
  feedback_missing: { subject: 'Rückmeldung fehlt', text: 'Der Betrieb hat nach dem Ende der betrieblichen Erprobung (und einer Erinnerung) noch keine Rückmeldung gegeben. Bitte fragen Sie nach und erfassen Sie das Ergebnis in der Konsole (oder senden Sie dem Betrieb einen neuen Link).' },
};

export function placementTeamMail(event: TeamEvent, reference: string, consoleLink: string) {
  const t = TEAM[event];
  return {
    subject: `BIWAQ: ${t.subject} – ${reference}`,
    text: `Betriebliche Erprobung zu ${reference}: ${t.text}\n\nIn der Konsole öffnen:\n${consoleLink}\n`,
  };
}

/** To the participant, in their language: the employer confirmed (employer, role, dates, hours). */
export function placementConfirmedParticipantMail(lang: Language, p: Placement, site: Site, noticeUrl: string): MailParts {
  const t = mailTexts(lang);
  return participantMail({
    lang,
    site,
    noticeUrl,
    subject: t.placementConfirmedSubject,
    body: t.placementConfirmedBody,
    // Employer and role are what the counsellor typed: words, escaped in the HTML part.
    params: {
      employer: p.employer.name,
      role: p.role,
      start: ltr(germanDate(p.startDate)),
      end: ltr(germanDate(p.endDate)),
      hours: ltr(String(p.weeklyHours).replace('.', ',')),
      site: site.name,
    },
  });
}
