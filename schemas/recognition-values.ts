/**
 * The plain values of recognition cases (BQFG): the bodies, payers, documents, facts and states,
 * and the EU/EEA/Swiss test. No zod here, so that lists, domain rules and response bodies can use
 * them without building the contracts of schemas/recognition.ts at import (cold start).
 */

/** Who decides: IHK FOSA (IHK trades), Handwerkskammer, Bezirksregierung (regulated health professions in NRW: Münster), Landesprüfungsamt, ZAB, or another body by name. */
export const COMPETENT_BODIES = ['ihk_fosa', 'hwk', 'bezirksregierung', 'landespruefungsamt', 'zab', 'other'] as const;
export type CompetentBody = (typeof COMPETENT_BODIES)[number];

/** Who pays fees and translations. The Anerkennungszuschuss must be applied for before costs arise. */
export const PAYERS = ['participant', 'jobcenter', 'anerkennungszuschuss'] as const;
export type Payer = (typeof PAYERS)[number];

/** What a cost was for (fees, translations, certification; docs/domain.md). */
export const COST_KINDS = ['fee', 'translation', 'certification', 'other'] as const;
export type CostKind = (typeof COST_KINDS)[number];

/**
 * The documents of §5 BQFG (§12 for regulated professions), named as the intake names them
 * (schemas/intake-options.ts `DOCUMENTS`): the tabular CV in German, an ID document, the foreign
 * certificates, proof of work experience, the declaration that no earlier application was made,
 * and the translations by sworn translators.
 */
export const DOCUMENT_KINDS = ['cv_german', 'id_document', 'certificates', 'work_experience', 'no_earlier_application', 'translations'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Where a document stands. `since` on the checklist item says when it entered the state. */
export const DOCUMENT_STATES = ['missing', 'at_hand', 'translation_ordered', 'translated', 'submitted'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/** The facts of a procedure, in the order they usually happen (functions/domain/recognition-facts.ts has the rules). */
export const FACT_TYPES = [
  'application_received',
  'receipt_confirmed',
  'documents_requested',
  'skills_analysis_started',
  'skills_analysis_ended',
  'documents_complete',
  'extension_granted',
  'decision',
  'adaptation_planned',
  'adaptation_started',
  'adaptation_completed',
  'withdrawn',
] as const;
export type FactType = (typeof FACT_TYPES)[number];

/**
 * Where a case stands, derived from its facts (functions/domain/recognition-facts.ts):
 * - `preparing`: no fact yet; the documents are being gathered.
 * - `submitted`: the application reached the body; its receipt is not confirmed yet.
 * - `receipt_confirmed`: the body confirmed receipt; the documents are not complete yet.
 * - `in_review`: the documents are complete; the decision period runs.
 * - `suspended`: as `in_review`, but today a skills analysis runs or a request for documents
 *   is within the period the body set (the decision clock stands still).
 * - `decided`: the decision is recorded; after a partial one an adaptation may follow.
 * - `adaptation`: an adaptation qualification or compensation measure is planned or running.
 * - `closed`: the adaptation is completed.
 * - `withdrawn`: the application was withdrawn, or the participant gave up the follow-up.
 */
export const RECOGNITION_STATES = [
  'preparing',
  'submitted',
  'receipt_confirmed',
  'in_review',
  'suspended',
  'decided',
  'adaptation',
  'closed',
  'withdrawn',
] as const;
export type RecognitionState = (typeof RECOGNITION_STATES)[number];

/** Full equivalence, partial (the decision lists the substantial differences; an adaptation can follow), none. */
export const DECISION_RESULTS = ['full', 'partial', 'none'] as const;
export type DecisionResult = (typeof DECISION_RESULTS)[number];

/**
 * Qualifications from these states count as EU qualifications (§13 Abs. 3 Satz 4 BQFG: the 27 EU
 * member states, the other EEA states Iceland, Liechtenstein and Norway, and Switzerland), as
 * ISO 3166-1 alpha-2 codes (Greece is `GR`, not the EU's `EL`).
 */
export const EU_EEA_CH_COUNTRIES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
  'IS', 'LI', 'NO',
  'CH',
] as const;

const EU_EEA_CH = new Set<string>(EU_EEA_CH_COUNTRIES);

/** Whether a country (ISO alpha-2, uppercase) is an EU or EEA state or Switzerland. */
export function isEuEeaSwissCountry(country: string): boolean {
  return EU_EEA_CH.has(country);
}

/** What a case can be in lists: a draft from the intake (required fields still missing), or a state of its facts. */
export const RECOGNITION_CASE_STATES = ['draft', ...RECOGNITION_STATES] as const;
export type RecognitionCaseState = (typeof RECOGNITION_CASE_STATES)[number];
