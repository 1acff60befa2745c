import { createHash, randomBytes } from 'node:crypto';
import { isEuEeaSwissCountry, type Payer } from '../../schemas/recognition-values.js';

/**
 * The case fields the rules of a recognition procedure depend on, pure:
 *
 * - Which periods apply: `fastTrack` (§14a BQFG) before `regulated` (§13) before the rest (§6).
 * - Whether the qualification is an EU one (the extension limit of §13 Abs. 3 Satz 4 BQFG): the
 *   case's explicit `euQualification`, else derived from the country of the qualification (the
 *   EU and EEA states and Switzerland). E.g. `{ country: 'PL' }` → true; `{ country: 'SY' }` →
 *   false; `{ country: 'SY', euQualification: true }` (a Syrian diploma recognised in Austria) → true.
 * - The Anerkennungszuschuss must be applied for before costs arise: a warning when the payer is
 *   the grant and a cost is dated before the application (or there is no application yet). A
 *   cost on the day of the application is fine.
 */

/** What the periods and the extension limit depend on. */
export interface CaseTerms {
  regulated: boolean;
  fastTrack: boolean;
  euQualification?: boolean | undefined;
  qualification: { country: string };
}

/** An EU, EEA or Swiss qualification: the explicit flag, else the country's membership. */
export function isEuQualification(terms: Pick<CaseTerms, 'euQualification' | 'qualification'>): boolean {
  return terms.euQualification ?? isEuEeaSwissCountry(terms.qualification.country);
}

/** The extension of the decision period is capped at one month (four weeks): EU qualification in a regulated profession. */
export function extensionIsCapped(terms: CaseTerms): boolean {
  return terms.regulated && isEuQualification(terms);
}

export interface GrantWarning {
  code: 'costs_before_grant_application';
  /** The earliest cost dated before the application (or any cost when there is none). */
  firstCostOn: string;
  grantAppliedOn: string | null;
}

/** Costs recorded before the Anerkennungszuschuss was applied for, when the grant is to pay; else null. */
export function grantWarning(
  kase: { payer?: Payer | undefined; grantAppliedOn?: string | undefined },
  costs: ReadonlyArray<{ date: string }>,
): GrantWarning | null {
  if (kase.payer !== 'anerkennungszuschuss') return null;
  const applied = kase.grantAppliedOn ?? null;
  const early = costs.map((c) => c.date).filter((d) => applied === null || d < applied).sort();
  return early[0] ? { code: 'costs_before_grant_application', firstCostOn: early[0], grantAppliedOn: applied } : null;
}

/** A case's id: derived from the site and the client's Idempotency-Key (a retry lands on the same item), or random. */
export function recognitionCaseIdFor(site: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey) return createHash('sha256').update(`recognition:${site}:${idempotencyKey}`).digest('hex').slice(0, 32);
  return randomBytes(16).toString('hex');
}

/** The id of the draft an intake leaves: derived from its submission, so a retried registration creates it once. */
export function recognitionDraftIdFor(submissionId: string): string {
  return createHash('sha256').update(`recognition-draft:${submissionId}`).digest('hex').slice(0, 32);
}
