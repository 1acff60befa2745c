import type { Placement } from '../../schemas/model/placement.js';
import type { Office } from '../../schemas/sites.js';
import { germanDate, html, type Html } from './html.js';
import { placementDays } from './placement-rules.js';
import { addressLines, openingHoursInWords, telUri } from './office.js';
import { berlinDate } from './working-days.js';

/**
 * Mails to the employer (pure): short German, English below, plain text and HTML. They carry the
 * placement's dates, hours and role, the participant's first name and, where the employer acts,
 * the link. Answers go to the site team (Reply-To).
 */

export interface Sender {
  siteName: string;
  /** The team's inbox: team mails only; employers write to `replyTo`. */
  teamEmail: string;
  /** The office's inbox: the Reply-To of every mail to the employer, and the address the mail names. */
  replyTo: string;
  office: Office;
  /** The site's data notice (German), linked at the foot of every mail. */
  noticeUrl: string;
}

export interface EmployerMail {
  subject: string;
  text: string;
  html: string;
}

export type RequestKind = 'request' | 'first_reminder' | 'second_reminder' | 'new_link';
export type FeedbackKind = 'request' | 'reminder' | 'new_link';

const hours = (n: number) => String(n).replace('.', ',');

function facts(p: Placement): [string, string, string][] {
  const rows: [string, string, string][] = [
    ['Tätigkeit', 'Role', p.role],
    ['Zeitraum', 'Dates', `${germanDate(p.startDate)} – ${germanDate(p.endDate)} (${placementDays(p.startDate, p.endDate)} Tage / days)`],
    ['Stunden pro Woche', 'Hours per week', hours(p.weeklyHours)],
  ];
  if (p.place) rows.push(['Ort', 'Place', p.place]);
  return rows;
}

const factsText = (p: Placement) => facts(p).map(([de, en, v]) => `  ${de} / ${en}: ${v}`).join('\n');
const factsHtml = (p: Placement) => html`<table>${facts(p).map(([de, en, v]) => html`<tr><th align="left">${de} / ${en}</th><td>${v}</td></tr>`)}</table>`;

/** The end of the period, as the employer reads it: the last day before the instant. */
const untilDay = (iso: string) => germanDate(berlinDate(new Date(Date.parse(iso) - 1)));

/** The office at the foot of every employer mail (German with English labels), and the data notice. */
function footerText(s: Sender): string {
  const [street, city] = addressLines(s.office.address);
  const hours = openingHoursInWords('de', s.office.openingHours).map((h) => `${h.days} ${h.time}`).join('; ');
  return (
    `\n---\n${s.siteName}, ${street}, ${city}\nTelefon / Phone: ${s.office.phone}\nÖffnungszeiten / Opening hours: ${hours}\n` +
    `E-Mail: ${s.replyTo} (Antworten auf diese E-Mail gehen dorthin / replies go there)\nDatenschutz / Data protection: ${s.noticeUrl}\n`
  );
}

function footerHtml(s: Sender): Html {
  const [street, city] = addressLines(s.office.address);
  return html`<hr><p><strong>${s.siteName}</strong><br>${street}<br>${city}<br>Telefon / <span lang="en">Phone</span>: <a href="${telUri(s.office.phone)}">${s.office.phone}</a><br>
E-Mail: <a href="mailto:${s.replyTo}">${s.replyTo}</a></p><p>Öffnungszeiten / <span lang="en">Opening hours</span>:<br>${openingHoursInWords('de', s.office.openingHours).map((h, i) => html`${i > 0 ? html`<br>` : ''}${h.days} ${h.time}`)}</p>
<p>Datenschutz / <span lang="en">Data protection</span>: <a href="${s.noticeUrl}">${s.noticeUrl}</a></p>`;
}

function page(title: string, body: Html, s: Sender): string {
  return html`<!doctype html><html lang="de" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body>${body}${footerHtml(s)}</body></html>`.value;
}

const button = (href: string, label: string) => html`<p><a href="${href}"><strong>${label}</strong></a></p><p>${href}</p>`;

const REQUEST_SUBJECT: Record<RequestKind, string> = {
  request: 'Anfrage',
  first_reminder: 'Erinnerung',
  second_reminder: 'Zweite Erinnerung',
  new_link: 'Neuer Link',
};

/** The request to confirm or decline (also its reminders and a new link after a resend). */
export function placementRequestMail(p: Placement, link: string, validUntil: string, s: Sender, kind: RequestKind): EmployerMail {
  const name = p.participantFirstName;
  const subject = `${REQUEST_SUBJECT[kind]}: betriebliche Erprobung als ${p.role} ab ${germanDate(p.startDate)} / Trial placement`;
  const lead =
    kind === 'request'
      ? `${s.siteName} fragt bei ${p.employer.name} eine betriebliche Erprobung (§ 45 SGB III) für ${name} an.`
      : kind === 'new_link'
        ? `Hier ist ein neuer Link zu unserer Anfrage einer betrieblichen Erprobung für ${name}. Frühere Links gelten nicht mehr.`
        : `Wir haben noch keine Antwort auf unsere Anfrage einer betrieblichen Erprobung für ${name}.`;
  const leadEn =
    kind === 'request'
      ? `${s.siteName} asks ${p.employer.name} for a trial placement for ${name}.`
      : kind === 'new_link'
        ? `Here is a new link for our trial placement request for ${name}. Earlier links no longer work.`
        : `We have no answer yet to our trial placement request for ${name}.`;
  const until = untilDay(validUntil);
  const text =
    `Guten Tag ${p.employer.contactName},\n\n${lead}\n\n${factsText(p)}\n\n` +
    `Bitte sagen Sie über diesen Link zu oder ab (bis ${until}):\n${link}\n\n` +
    `Fragen? Antworten Sie auf diese E-Mail oder schreiben Sie an ${s.replyTo}.\n\nIhr Team von ${s.siteName}\n\n` +
    `---\nEnglish: ${leadEn} Please confirm or decline here by ${until}: ${link}\nQuestions? Reply to this e-mail (${s.replyTo}).\n`;
  const body = html`<p>Guten Tag ${p.employer.contactName},</p><p>${lead}</p>${factsHtml(p)}
<p>Bitte sagen Sie über diesen Link zu oder ab (bis ${until}):</p>${button(link, 'Zusagen oder absagen / Confirm or decline')}
<p>Fragen? Antworten Sie auf diese E-Mail oder schreiben Sie an ${s.replyTo}.</p><p>Ihr Team von ${s.siteName}</p>
<hr><p lang="en">${leadEn} Please confirm or decline by ${until} with the link above. Questions? Reply to this e-mail (${s.replyTo}).</p>`;
  return { subject, text: text + footerText(s), html: page(subject, body, s) };
}

/** Half-way through: how is it going? No link, only the team's contact. */
export function placementCheckInMail(p: Placement, s: Sender): EmployerMail {
  const subject = `Halbzeit der Erprobung von ${p.participantFirstName} / Half-way through the trial placement`;
  const text =
    `Guten Tag ${p.employer.contactName},\n\ndie betriebliche Erprobung von ${p.participantFirstName} als ${p.role} ist zur Hälfte um ` +
    `(bis ${germanDate(p.endDate)}). Läuft alles gut? Wenn es Fragen oder Probleme gibt, antworten Sie auf diese E-Mail oder schreiben Sie an ${s.replyTo}.\n\n` +
    `Am letzten Tag bitten wir Sie um eine kurze Rückmeldung.\n\nIhr Team von ${s.siteName}\n\n` +
    `---\nEnglish: The trial placement of ${p.participantFirstName} (${p.role}, until ${germanDate(p.endDate)}) is half-way through. Is everything going well? ` +
    `If there are questions or problems, reply to this e-mail (${s.replyTo}). On the last day we will ask you for short feedback.\n`;
  const body = html`<p>Guten Tag ${p.employer.contactName},</p><p>die betriebliche Erprobung von ${p.participantFirstName} als ${p.role} ist zur Hälfte um (bis ${germanDate(p.endDate)}).
Läuft alles gut? Wenn es Fragen oder Probleme gibt, antworten Sie auf diese E-Mail oder schreiben Sie an ${s.replyTo}.</p>
<p>Am letzten Tag bitten wir Sie um eine kurze Rückmeldung.</p><p>Ihr Team von ${s.siteName}</p>
<hr><p lang="en">The trial placement of ${p.participantFirstName} (${p.role}, until ${germanDate(p.endDate)}) is half-way through. Is everything going well?
If there are questions or problems, reply to this e-mail (${s.replyTo}). On the last day we will ask you for short feedback.</p>`;
  return { subject, text: text + footerText(s), html: page(subject, body, s) };
}

const FEEDBACK_SUBJECT: Record<FeedbackKind, string> = { request: 'Ihre Rückmeldung', reminder: 'Erinnerung: Ihre Rückmeldung', new_link: 'Neuer Link: Ihre Rückmeldung' };

/** On the last day: the hiring decision (employment, apprenticeship or none, with a short reason). */
export function placementFeedbackMail(p: Placement, link: string, validUntil: string, s: Sender, kind: FeedbackKind): EmployerMail {
  const subject = `${FEEDBACK_SUBJECT[kind]} zur Erprobung von ${p.participantFirstName} / Your feedback on the trial placement`;
  const until = untilDay(validUntil);
  const text =
    `Guten Tag ${p.employer.contactName},\n\ndie betriebliche Erprobung von ${p.participantFirstName} als ${p.role} endet am ${germanDate(p.endDate)}. ` +
    `Vielen Dank, dass Sie sie möglich gemacht haben!\n\nBitte sagen Sie uns kurz, wie es weitergeht: Einstellung, Ausbildung oder keine Übernahme (dann mit einem kurzen Grund). ` +
    `Das dauert eine Minute (bis ${until}):\n${link}\n\nIhr Team von ${s.siteName} (${s.replyTo})\n\n` +
    `---\nEnglish: The trial placement of ${p.participantFirstName} (${p.role}) ends on ${germanDate(p.endDate)}. Thank you! ` +
    `Please tell us what happens next: employment, apprenticeship or neither (with a short reason), by ${until}: ${link}\n`;
  const body = html`<p>Guten Tag ${p.employer.contactName},</p><p>die betriebliche Erprobung von ${p.participantFirstName} als ${p.role} endet am ${germanDate(p.endDate)}.
Vielen Dank, dass Sie sie möglich gemacht haben!</p><p>Bitte sagen Sie uns kurz, wie es weitergeht: Einstellung, Ausbildung oder keine Übernahme (dann mit einem kurzen Grund). Das dauert eine Minute (bis ${until}):</p>
${button(link, 'Rückmeldung geben / Give feedback')}<p>Ihr Team von ${s.siteName} (${s.replyTo})</p>
<hr><p lang="en">The trial placement of ${p.participantFirstName} (${p.role}) ends on ${germanDate(p.endDate)}. Thank you! Please tell us what happens next with the link above: employment, apprenticeship or neither (with a short reason), by ${until}.</p>`;
  return { subject, text: text + footerText(s), html: page(subject, body, s) };
}

/** The counsellor cancelled the placement: the employer is told, and the link stops working. */
export function placementCancelledMail(p: Placement, s: Sender): EmployerMail {
  const subject = `Abgesagt: betriebliche Erprobung als ${p.role} ab ${germanDate(p.startDate)} / Trial placement cancelled`;
  const text =
    `Guten Tag ${p.employer.contactName},\n\ndie betriebliche Erprobung von ${p.participantFirstName} als ${p.role} (${germanDate(p.startDate)} – ${germanDate(p.endDate)}) findet nicht statt. ` +
    `Unsere Links dazu funktionieren nicht mehr. Bei Fragen schreiben Sie an ${s.replyTo}.\n\nIhr Team von ${s.siteName}\n\n` +
    `---\nEnglish: The trial placement of ${p.participantFirstName} (${p.role}, ${germanDate(p.startDate)} – ${germanDate(p.endDate)}) has been cancelled. Our links no longer work. Questions: ${s.replyTo}.\n`;
  const body = html`<p>Guten Tag ${p.employer.contactName},</p><p>die betriebliche Erprobung von ${p.participantFirstName} als ${p.role} (${germanDate(p.startDate)} – ${germanDate(p.endDate)}) findet nicht statt.
Unsere Links dazu funktionieren nicht mehr. Bei Fragen schreiben Sie an ${s.replyTo}.</p><p>Ihr Team von ${s.siteName}</p>
<hr><p lang="en">The trial placement of ${p.participantFirstName} (${p.role}, ${germanDate(p.startDate)} – ${germanDate(p.endDate)}) has been cancelled. Our links no longer work. Questions: ${s.replyTo}.</p>`;
  return { subject, text: text + footerText(s), html: page(subject, body, s) };
}
