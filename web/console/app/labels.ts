import type { DOCUMENTS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS, HELP_WANTED, PART2_ANSWERS } from '../../../schemas/intake.js';
import type { PlacementOutcome, PlacementStatus } from '../../../schemas/placements.js';
import type {
  CompetentBody,
  CostKind,
  DecisionResult,
  DocumentKind,
  DocumentState,
  FactType,
  Payer,
  RecognitionCaseState,
} from '../../../schemas/recognition.js';
import type { CONTACT_CHANNELS, ParticipantStatus, Role, WITHDRAWAL_REASONS } from '../../../schemas/staff.js';
import type { CountKey, EMPLOYMENT_KINDS, EXIT_ANSWERS, EXIT_EMPLOYMENT_STATUSES, ExitOutcome, ImprovedReason } from '../../../schemas/exits.js';

/**
 * German labels for every code the staff API answers with (staff work in German). Typed by the
 * contracts' enums, so a new code without a label fails the type check; only types are imported,
 * no schema is bundled. Country and language names come from Intl.DisplayNames.
 */

type Of<T extends readonly string[]> = T[number];

export const STATUS_LABELS: Record<ParticipantStatus, string> = { new: 'neu', contacted: 'kontaktiert', withdrawn: 'abgemeldet', exited: 'ausgetreten' };

export const ROLE_LABELS: Record<Role, string> = { staff: 'Beratung', lead: 'Leitung', coordinator: 'Koordination' };

export const GENDER_LABELS: Record<Of<typeof GENDERS>, string> = { female: 'weiblich', male: 'männlich', non_binary: 'divers' };

export const EMPLOYMENT_LABELS: Record<Of<typeof EMPLOYMENT_STATUSES>, string> = {
  unemployed: 'arbeitslos gemeldet (Agentur für Arbeit oder Jobcenter)',
  long_term_unemployed: 'langzeitarbeitslos (mehr als 12 Monate)',
  inactive: 'nicht erwerbstätig und nicht auf Arbeitssuche',
  employed: 'erwerbstätig (auch selbstständig)',
};

export const EDUCATION_LABELS: Record<Of<typeof EDUCATION_LEVELS>, string> = {
  isced_0_2: 'kein Abschluss, Haupt- oder Realschule (ISCED 0–2)',
  isced_3_4: 'Abitur, Fachabitur oder Berufsausbildung (ISCED 3–4)',
  isced_5_8: 'Hochschule, Fachhochschule oder Meister (ISCED 5–8)',
};

export const PART2_ANSWER_LABELS: Record<Of<typeof PART2_ANSWERS>, string> = { yes: 'ja', no: 'nein', no_answer: 'keine Angabe' };

export const PART2_QUESTIONS = {
  migrantBackground: 'Migrationshintergrund',
  thirdCountryNational: 'Staatsangehörigkeit außerhalb der EU',
  disability: 'Behinderung',
  homelessness: 'Wohnungslosigkeit oder drohender Wohnungsverlust',
} as const;

export const HELP_LABELS: Record<Of<typeof HELP_WANTED>, string> = {
  counselling: 'Beratung',
  job_search: 'Arbeitssuche',
  application: 'Lebenslauf und Bewerbung',
  interview: 'Vorstellungsgespräch',
  qualification: 'Kurse und Weiterbildung',
  digital_skills: 'Computer und Internet',
  recognition: 'Anerkennung ausländischer Abschlüsse',
  trial_placement: 'Erprobung im Betrieb',
};

export const DOCUMENT_LABELS: Record<Of<typeof DOCUMENTS>, string> = {
  certificates: 'Zeugnisse oder Diplome',
  transcripts: 'Fächer- und Notenübersicht',
  work_experience: 'Nachweise über Berufserfahrung',
  id_document: 'Ausweis oder Pass',
  cv_german: 'Lebenslauf auf Deutsch',
  translations: 'Übersetzungen',
};

export type ContactChannel = Of<typeof CONTACT_CHANNELS>;
export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  phone: 'Telefon',
  email: 'E-Mail',
  in_person: 'persönlich',
  video: 'Video',
  message: 'Nachricht',
};

export type WithdrawalReason = Of<typeof WITHDRAWAL_REASONS>;
export const WITHDRAWAL_LABELS: Record<WithdrawalReason, string> = {
  not_reachable: 'nicht erreichbar',
  not_interested: 'kein Interesse',
  moved_away: 'weggezogen',
  found_work: 'Arbeit gefunden',
  other: 'anderes',
};

/** What an audit entry says happened (functions/ writes these action codes). */
export const AUDIT_ACTIONS: Record<string, string> = {
  'participant.read': 'Gelesen',
  'participant.first_contact': 'Erstkontakt erfasst',
  'participant.withdrawn': 'Abmeldung erfasst',
  'participant.assigned': 'Zugewiesen',
  'participant.unassigned': 'Zuweisung aufgehoben',
  'participant.transferred': 'Übergeben',
  'placement.requested': 'Erprobung angefragt',
  'placement.read': 'Erprobung gelesen',
  'placement.cancelled': 'Erprobung abgesagt',
  'placement.link_resent': 'Neuen Link an den Betrieb gesandt',
  'placement.outcome': 'Ergebnis der Erprobung erfasst',
  'recognition.created': 'Anerkennungsverfahren angelegt',
  'recognition.opened': 'Anerkennungsverfahren aus dem Entwurf angelegt',
  'recognition.read': 'Anerkennungsverfahren gelesen',
  'recognition.fact': 'Schritt im Anerkennungsverfahren erfasst',
  'recognition.documents': 'Unterlagen im Anerkennungsverfahren geändert',
  'recognition.cost': 'Kosten im Anerkennungsverfahren erfasst',
  'participant.exited': 'Austritt erfasst',
  'participant.exit_corrected': 'Austritt korrigiert',
};

/** Who an audit entry names besides staff: the employer, through their link. */
export const AUDIT_ROLE_LABELS: Record<string, string> = { ...ROLE_LABELS, employer: 'Betrieb' };

export const PLACEMENT_STATUS_LABELS: Record<PlacementStatus, string> = {
  requested: 'angefragt',
  confirmed: 'zugesagt',
  declined: 'abgesagt vom Betrieb',
  expired: 'ohne Antwort abgelaufen',
  cancelled: 'von uns abgesagt',
  completed: 'abgeschlossen',
};

export const PLACEMENT_OUTCOME_LABELS: Record<PlacementOutcome, string> = {
  employment: 'Einstellung',
  apprenticeship: 'Ausbildungsplatz',
  none: 'kein Angebot',
};

// ---- recognition of foreign qualifications (BQFG) ----

export const RECOGNITION_STATE_LABELS: Record<RecognitionCaseState, string> = {
  draft: 'Entwurf',
  preparing: 'in Vorbereitung',
  submitted: 'beantragt',
  receipt_confirmed: 'Eingang bestätigt',
  in_review: 'in Prüfung',
  suspended: 'Frist gehemmt',
  decided: 'entschieden',
  adaptation: 'Anpassung',
  closed: 'abgeschlossen',
  withdrawn: 'zurückgezogen',
};

export const COMPETENT_BODY_LABELS: Record<CompetentBody, string> = {
  ihk_fosa: 'IHK FOSA',
  hwk: 'Handwerkskammer',
  bezirksregierung: 'Bezirksregierung',
  landespruefungsamt: 'Landesprüfungsamt',
  zab: 'ZAB',
  other: 'andere Stelle',
};

/** A second line for the body's choice in the form. */
export const COMPETENT_BODY_HINTS: Partial<Record<CompetentBody, string>> = {
  ihk_fosa: 'IHK-Berufe (Industrie, Handel, Dienstleistung)',
  hwk: 'Handwerksberufe',
  bezirksregierung: 'reglementierte Gesundheitsberufe in NRW (Münster)',
  landespruefungsamt: 'zum Beispiel Ärztinnen, Apotheker',
  zab: 'Zentralstelle für ausländisches Bildungswesen (Hochschulabschlüsse)',
};

export const PAYER_LABELS: Record<Payer, string> = {
  participant: 'die Person selbst',
  jobcenter: 'Jobcenter',
  anerkennungszuschuss: 'Anerkennungszuschuss',
};

export const COST_KIND_LABELS: Record<CostKind, string> = {
  fee: 'Gebühr',
  translation: 'Übersetzung',
  certification: 'Beglaubigung',
  other: 'Sonstiges',
};

/** The §5 BQFG documents of the checklist. */
export const RECOGNITION_DOCUMENT_LABELS: Record<DocumentKind, string> = {
  cv_german: 'Lebenslauf auf Deutsch (tabellarisch)',
  id_document: 'Ausweis oder Pass',
  certificates: 'Zeugnisse und Diplome aus dem Ausland',
  work_experience: 'Nachweise über Berufserfahrung',
  no_earlier_application: 'Erklärung: noch kein Antrag gestellt',
  translations: 'Übersetzungen (vereidigt)',
};

export const DOCUMENT_STATE_LABELS: Record<DocumentState, string> = {
  missing: 'fehlt',
  at_hand: 'liegt vor',
  translation_ordered: 'Übersetzung beauftragt',
  translated: 'übersetzt',
  submitted: 'eingereicht',
};

export const FACT_TYPE_LABELS: Record<FactType, string> = {
  application_received: 'Antrag bei der Stelle eingegangen',
  receipt_confirmed: 'Eingang bestätigt',
  documents_requested: 'Unterlagen nachgefordert',
  skills_analysis_started: 'Qualifikationsanalyse begonnen',
  skills_analysis_ended: 'Qualifikationsanalyse beendet',
  documents_complete: 'Unterlagen vollständig',
  extension_granted: 'Entscheidungsfrist verlängert',
  decision: 'Bescheid erhalten',
  adaptation_planned: 'Anpassung geplant',
  adaptation_started: 'Anpassung begonnen',
  adaptation_completed: 'Anpassung abgeschlossen',
  withdrawn: 'Antrag zurückgezogen',
};

export const DECISION_RESULT_LABELS: Record<DecisionResult, string> = {
  full: 'volle Gleichwertigkeit',
  partial: 'teilweise Gleichwertigkeit',
  none: 'keine Gleichwertigkeit',
};

export type DeadlineKind = 'receipt' | 'decision';
export const DEADLINE_LABELS: Record<DeadlineKind, string> = { receipt: 'Eingangsbestätigung', decision: 'Entscheidung' };

export type DeadlineStatus = 'open' | 'met' | 'overdue';
export const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, string> = { open: 'offen', met: 'eingehalten', overdue: 'überfällig' };

export type ReminderKind = 'receipt_overdue' | 'decision_overdue' | 'translation_pending' | 'adaptation_follow_up';
export const REMINDER_LABELS: Record<ReminderKind, string> = {
  receipt_overdue: 'Eingangsbestätigung überfällig',
  decision_overdue: 'Entscheidung überfällig',
  translation_pending: 'Übersetzung seit drei Wochen beauftragt',
  adaptation_follow_up: 'Nachfrage zur Anpassung',
};

/** A label for a code, or the code itself if a newer server sends one this page does not know yet. */
export function labelOf<K extends string>(labels: Record<K, string>, code: string): string {
  return (labels as Record<string, string>)[code] ?? code;
}

let regions: Intl.DisplayNames | undefined;
let languages: Intl.DisplayNames | undefined;

/** "SY" → "Syrien" */
export function countryName(code: string): string {
  try {
    regions ??= new Intl.DisplayNames('de', { type: 'region' });
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "uk" → "Ukrainisch" */
export function languageName(code: string): string {
  try {
    languages ??= new Intl.DisplayNames('de', { type: 'language' });
    return languages.of(code) ?? code;
  } catch {
    return code;
  }
}

export const EXIT_OUTCOME_LABELS: Record<ExitOutcome, string> = {
  employment: 'Arbeitsaufnahme',
  training: 'Ausbildung',
  improved_prospects: 'verbesserte Perspektive',
  none: 'ohne Ergebnis',
};

export const IMPROVED_REASON_LABELS: Record<ImprovedReason, string> = {
  qualification_completed: 'Qualifizierung abgeschlossen',
  recognition_achieved: 'Abschluss anerkannt',
  language_level: 'Sprachniveau erreicht',
  other: 'anderer Grund',
};

export type EmploymentKind = Of<typeof EMPLOYMENT_KINDS>;
export const EMPLOYMENT_KIND_LABELS: Record<EmploymentKind, string> = {
  social_insurance: 'sozialversicherungspflichtig',
  marginal: 'geringfügig (Minijob)',
  self_employed: 'selbstständig',
};

export type ExitEmploymentStatus = Of<typeof EXIT_EMPLOYMENT_STATUSES>;
export const EXIT_STATUS_LABELS: Record<ExitEmploymentStatus, string> = {
  employed: 'erwerbstätig (angestellt)',
  self_employed: 'selbstständig',
  unemployed: 'arbeitslos',
  inactive: 'nicht erwerbstätig, nicht auf Arbeitssuche',
};

export type ExitAnswer = Of<typeof EXIT_ANSWERS>;
export const EXIT_ANSWER_LABELS: Record<ExitAnswer, string> = { yes: 'ja', no: 'nein' };

/** The ESF Plus exit questionnaire's yes / no questions. */
export const EXIT_QUESTIONS = {
  jobSearching: 'Sucht die Person Arbeit?',
  inEducationOrTraining: 'Ist sie in Schule, Ausbildung oder Weiterbildung?',
  qualificationGained: 'Hat sie eine Qualifikation erworben?',
} as const;

/** The figures, in the order the reports show them. */
export const FIGURE_LABELS: Record<CountKey | 'placementRate', string> = {
  participants: 'Teilnehmende',
  unemployed: 'davon arbeitslos',
  longTermUnemployed: 'davon langzeitarbeitslos',
  migrantBackground: 'mit Migrationshintergrund',
  employment: 'Arbeitsaufnahmen',
  training: 'Ausbildungen',
  improvedProspects: 'verbesserte Perspektiven',
  placementRate: 'Vermittlungsquote',
};
