import type { DocumentKind } from '../../schemas/recognition-values.js';
import type { Reminder } from './recognition-reminders.js';
import { germanDate } from './recognition-deadlines.js';

/**
 * The RecognitionCase workflow's mails to the site team (pure): German, the staff language, and
 * like every team mail only the participant's reference and a console link — no name, no
 * qualification, no competent body.
 */

/** The console page of a recognition case. */
export function recognitionConsoleLink(publicUrl: string, caseId: string): string {
  return `${publicUrl}/console/recognition-cases/${encodeURIComponent(caseId)}`;
}

export const DOCUMENT_LABELS: Record<DocumentKind, string> = {
  cv_german: 'tabellarischer Lebenslauf auf Deutsch',
  id_document: 'Ausweisdokument',
  certificates: 'ausländische Zeugnisse',
  work_experience: 'Nachweise der Berufserfahrung',
  no_earlier_application: 'Erklärung, dass noch kein Antrag gestellt wurde',
  translations: 'Übersetzungen',
};

function texts(r: Reminder): { subject: string; text: string } {
  const due = germanDate(r.due);
  switch (r.kind) {
    case 'receipt_overdue':
      return {
        subject: 'Frist überschritten: Eingangsbestätigung',
        text: `Die zuständige Stelle hätte den Eingang des Antrags bis zum ${due} bestätigen und fehlende Unterlagen nennen müssen. Bitte fragen Sie dort nach und erfassen Sie die Bestätigung in der Konsole.`,
      };
    case 'decision_overdue':
      return {
        subject: 'Frist überschritten: Entscheidung',
        text: `Die zuständige Stelle hätte bis zum ${due} über den Antrag entscheiden müssen. Bitte fragen Sie dort nach und erfassen Sie die Entscheidung (oder eine Verlängerung oder Nachforderung) in der Konsole.`,
      };
    case 'translation_pending':
      return {
        subject: 'Übersetzung seit drei Wochen beauftragt',
        text: `Die Übersetzung (${r.document ? DOCUMENT_LABELS[r.document] : 'ein Dokument'}) ist seit drei Wochen beauftragt (bis ${due}) und noch nicht als übersetzt erfasst. Bitte fragen Sie beim Übersetzungsbüro nach.`,
      };
    case 'adaptation_follow_up':
      return {
        subject: 'Nach teilweiser Gleichwertigkeit: nächster Schritt offen',
        text: `Vor vier Wochen wurde eine teilweise Gleichwertigkeit festgestellt; bis ${due} ist keine Anpassungsqualifizierung erfasst. Bitte besprechen Sie mit der Person den nächsten Schritt und erfassen Sie ihn in der Konsole.`,
      };
  }
}

/** A reminder to the team: what is due, the reference and the console link. */
export function recognitionReminderMail(r: Reminder, reference: string, consoleLink: string) {
  const t = texts(r);
  return {
    subject: `BIWAQ: ${t.subject} – ${reference}`,
    text: `Anerkennungsverfahren zu ${reference}: ${t.text}\n\nIn der Konsole öffnen:\n${consoleLink}\n`,
  };
}
