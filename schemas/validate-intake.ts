import { checkDates, makeIntakeSchema, type Intake, type IntakeSchema } from './intake.js';
import { problemsFromZod, type Problem } from './validation-errors.js';

const schemas = new Map<string, IntakeSchema>();

/** The intake contract for these sites, built once per site list. */
export function intakeSchemaFor(siteIds: readonly [string, ...string[]]): IntakeSchema {
  const cacheKey = siteIds.join(',');
  let schema = schemas.get(cacheKey);
  if (!schema) {
    schema = makeIntakeSchema(siteIds);
    schemas.set(cacheKey, schema);
  }
  return schema;
}

export type IntakeValidation = { ok: true; intake: Intake } | { ok: false; problems: Problem[] };

/** Validates a parsed body against the contract and today's date (age bounds, years). */
export function validateIntake(body: unknown, siteIds: readonly [string, ...string[]], today: string): IntakeValidation {
  // reportInput tells a missing field (required) from a wrong one; issues never leave this process.
  const parsed = intakeSchemaFor(siteIds).safeParse(body, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error.issues) };
  const problems = checkDates(parsed.data, today);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, intake: parsed.data };
}
