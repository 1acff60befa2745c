import type { Placement } from '../../schemas/model/placement.js';
import type { LinkPurpose } from '../../schemas/placements.js';
import { germanDate, html, type Html } from './html.js';
import { placementDays } from './placement-rules.js';

/**
 * The employer's pages (pure): German with English, one column for a phone, no script, every
 * value escaped. The participant appears by first name only. Forms post to the page's own URL.
 */

export interface Contact {
  siteName: string;
  teamEmail: string;
}

export type RefusalKind = 'unknown' | 'expired' | 'superseded' | 'cancelled' | 'closed' | 'answered' | 'forbidden' | 'error';

const DECISION: Record<string, [string, string]> = { confirm: ['Zusage', 'confirmed'], decline: ['Absage', 'declined'] };
const OUTCOME: Record<string, [string, string]> = {
  employment: ['Einstellung', 'employment'],
  apprenticeship: ['Ausbildung', 'apprenticeship'],
  none: ['Keine Übernahme', 'neither'],
};

function layout(title: string, titleEn: string, body: Html, withForm = false): string {
  return html`<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
${withForm ? html`<meta name="referrer" content="same-origin">` : ''}
<title>${title} · ${titleEn}</title>
<link rel="stylesheet" href="/employer.css">
</head>
<body>
<main>
<h1>${title}<span class="en" lang="en">${titleEn}</span></h1>
${body}
</main>
</body>
</html>
`.value;
}

const both = (de: string, en: string) => html`<p>${de}</p><p class="en" lang="en">${en}</p>`;
const mail = (address: string) => html`<a href="mailto:${address}">${address}</a>`;

function contactBlock(contacts: Contact[]): Html {
  return html`<section class="contact"><h2>Kontakt<span class="en" lang="en">Contact</span></h2>
${contacts.map((c) => html`<p>${c.siteName}: ${mail(c.teamEmail)}</p>`)}</section>`;
}

function facts(p: Placement): Html {
  const rows: [string, string, string][] = [
    ['Teilnehmer/in', 'Participant', p.participantFirstName],
    ['Betrieb', 'Employer', p.employer.name],
    ['Tätigkeit', 'Role', p.role],
    ['Zeitraum', 'Dates', `${germanDate(p.startDate)} – ${germanDate(p.endDate)} (${placementDays(p.startDate, p.endDate)} Tage / days)`],
    ['Stunden pro Woche', 'Hours per week', String(p.weeklyHours).replace('.', ',')],
  ];
  if (p.place) rows.push(['Ort', 'Place', p.place]);
  if (p.tasks) rows.push(['Aufgaben', 'Tasks', p.tasks]);
  if (p.supervisor) rows.push(['Anleitung im Betrieb', 'Supervisor', `${p.supervisor.name}, ${p.supervisor.phone}`]);
  if (p.accidentInsurance) rows.push(['Unfallversicherung', 'Accident insurance', p.accidentInsurance]);
  return html`<dl class="facts">${rows.map(([de, en, v]) => html`<dt>${de} <span class="en" lang="en">${en}</span></dt><dd>${v}</dd>`)}</dl>`;
}

function problemBox(problem: string | undefined): Html {
  if (!problem) return html``;
  const [de, en] = PROBLEMS[problem] ?? PROBLEMS['invalid']!;
  return html`<div class="problem" role="alert"><p>${de}</p><p class="en" lang="en">${en}</p></div>`;
}

const PROBLEMS: Record<string, [string, string]> = {
  decision: ['Bitte wählen Sie „Zusagen“ oder „Absagen“.', 'Please choose "Confirm" or "Decline".'],
  outcome: ['Bitte wählen Sie, wie es weitergeht.', 'Please choose what happens next.'],
  reason: ['Bitte nennen Sie kurz den Grund (höchstens 500 Zeichen, eine Zeile).', 'Please give a short reason (at most 500 characters).'],
  invalid: ['Das Formular war nicht vollständig. Bitte versuchen Sie es noch einmal.', 'The form was not complete. Please try again.'],
};

/** GET: the request, with Confirm and Decline (a reason is optional). `problem`: the field a POST missed. */
export function answerPage(p: Placement, contact: Contact, problem?: string): string {
  const body = html`${problemBox(problem)}
${both(`${contact.siteName} fragt bei Ihnen eine betriebliche Erprobung (§ 45 SGB III) an. Bitte sagen Sie zu oder ab.`, `${contact.siteName} asks you for a trial placement. Please confirm or decline.`)}
${facts(p)}
<form method="post" class="decide">
<button type="submit" name="decision" value="confirm" class="primary">Zusagen <span class="en" lang="en">Confirm</span></button>
</form>
<form method="post" class="decide">
<label for="reason">Grund der Absage (freiwillig) <span class="en" lang="en">Reason for declining (optional)</span></label>
<textarea id="reason" name="reason" rows="3" maxlength="500"></textarea>
<button type="submit" name="decision" value="decline">Absagen <span class="en" lang="en">Decline</span></button>
</form>
${contactBlock([contact])}`;
  return layout('Betriebliche Erprobung', 'Trial placement', body, true);
}

/** GET at the end: the hiring decision (a reason is needed for "none"). */
export function feedbackPage(p: Placement, contact: Contact, problem?: string): string {
  const options = Object.entries(OUTCOME).map(
    ([value, [de, en]]) => html`<label class="option"><input type="radio" name="outcome" value="${value}" required> ${de} <span class="en" lang="en">${en}</span></label>`,
  );
  const body = html`${problemBox(problem)}
${both('Vielen Dank, dass Sie die Erprobung möglich gemacht haben! Wie geht es weiter?', 'Thank you for making the trial placement possible! What happens next?')}
${facts(p)}
<form method="post" class="feedback">
<fieldset><legend>Ergebnis <span class="en" lang="en">Outcome</span></legend>
${options}
</fieldset>
<label for="reason">Kurzer Grund (nötig bei „Keine Übernahme“) <span class="en" lang="en">Short reason (needed for "neither")</span></label>
<textarea id="reason" name="reason" rows="3" maxlength="500"></textarea>
<button type="submit" class="primary">Rückmeldung senden <span class="en" lang="en">Send feedback</span></button>
</form>
${contactBlock([contact])}`;
  return layout('Rückmeldung zur Erprobung', 'Feedback on the trial placement', body, true);
}

/** What the employer recorded, as they read it back ("Zusage am 02.03.2027"). */
function recorded(p: Placement, purpose: LinkPurpose): Html {
  if (purpose === 'answer' && p.answer) {
    const [de, en] = DECISION[p.answer.decision]!;
    return html`<p class="recorded"><strong>${de}</strong> am ${germanDate(p.answer.at)}${p.answer.reason ? html` – ${p.answer.reason}` : ''} <span class="en" lang="en">(${en})</span></p>`;
  }
  if (purpose === 'feedback' && p.feedback) {
    const [de, en] = OUTCOME[p.feedback.outcome]!;
    return html`<p class="recorded"><strong>${de}</strong> am ${germanDate(p.feedback.at)}${p.feedback.reason ? html` – ${p.feedback.reason}` : ''} <span class="en" lang="en">(${en})</span></p>`;
  }
  return html``;
}

/** POST done: thank you, and what was recorded. */
export function thanksPage(p: Placement, purpose: LinkPurpose, contact: Contact): string {
  const lead =
    purpose === 'feedback'
      ? both('Danke für Ihre Rückmeldung! Wir haben sie gespeichert.', 'Thank you for your feedback! We have saved it.')
      : p.answer?.decision === 'confirm'
        ? both('Danke für Ihre Zusage! Zur Halbzeit fragen wir kurz nach, am letzten Tag bitten wir um eine Rückmeldung.', 'Thank you for confirming! We will check in half-way and ask for feedback on the last day.')
        : both('Danke für Ihre Antwort. Wir haben Ihre Absage gespeichert.', 'Thank you for your answer. We have saved that you declined.');
  return layout('Vielen Dank', 'Thank you', html`${lead}${recorded(p, purpose)}${facts(p)}${contactBlock([contact])}`);
}

const REFUSALS: Record<Exclude<RefusalKind, 'answered'>, { title: [string, string]; text: [string, string] }> = {
  unknown: {
    title: ['Link unbekannt', 'Unknown link'],
    text: ['Diesen Link kennen wir nicht. Bitte öffnen Sie den vollständigen Link aus unserer E-Mail oder fragen Sie uns.', 'We do not know this link. Please open the complete link from our e-mail, or ask us.'],
  },
  expired: {
    title: ['Link abgelaufen', 'Link expired'],
    text: ['Die Frist für diesen Link ist vorbei. Es wurde nichts gespeichert. Bitte melden Sie sich bei uns.', 'The time for this link is over. Nothing was saved. Please contact us.'],
  },
  superseded: {
    title: ['Link ersetzt', 'Link replaced'],
    text: ['Wir haben Ihnen einen neuen Link geschickt; dieser gilt nicht mehr. Bitte nutzen Sie unsere neueste E-Mail.', 'We have sent you a new link; this one no longer works. Please use our latest e-mail.'],
  },
  cancelled: {
    title: ['Erprobung abgesagt', 'Trial placement cancelled'],
    text: ['Diese Erprobung wurde abgesagt. Es wurde nichts gespeichert.', 'This trial placement has been cancelled. Nothing was saved.'],
  },
  closed: {
    title: ['Anfrage abgeschlossen', 'Request closed'],
    text: ['Diese Anfrage ist abgeschlossen. Es wurde nichts gespeichert.', 'This request is closed. Nothing was saved.'],
  },
  forbidden: {
    title: ['Nicht angenommen', 'Not accepted'],
    text: ['Das Formular kam nicht von unserer Seite. Bitte öffnen Sie den Link aus unserer E-Mail und senden Sie es dort.', 'The form did not come from our page. Please open the link from our e-mail and send it there.'],
  },
  error: {
    title: ['Das hat nicht geklappt', 'That did not work'],
    text: ['Es wurde nichts gespeichert. Bitte versuchen Sie es später noch einmal.', 'Nothing was saved. Please try again later.'],
  },
};

/** A refusal: which one, with whom to ask. Nothing was changed. */
export function refusalPage(kind: RefusalKind, contacts: Contact[], p?: Placement, purpose?: LinkPurpose): string {
  if (kind === 'answered' && p && purpose) {
    const body = html`${both('Diese Anfrage ist bereits beantwortet. Gespeichert ist:', 'This has already been answered. We saved:')}${recorded(p, purpose)}${contactBlock(contacts)}`;
    return layout('Bereits beantwortet', 'Already answered', body);
  }
  const r = REFUSALS[kind === 'answered' ? 'closed' : kind];
  return layout(r.title[0], r.title[1], html`${both(r.text[0], r.text[1])}${contactBlock(contacts)}`);
}
