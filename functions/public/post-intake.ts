import { validateIntake } from '../../schemas/validate-intake.js';
import { localise } from '../../schemas/validation-errors.js';
import { acceptIntake } from '../intake/accept-intake.js';
import { IDEMPOTENCY_KEY_PATTERN, isHoneypotFilled, newReference } from '../domain/intake.js';
import { berlinDate } from '../domain/working-days.js';
import { apiHandler } from '../lib/api-handler.js';
import { config } from '../lib/config.js';
import { badRequest, header, HttpError, json, requestLanguage } from '../lib/http.js';
import { readJsonBody } from '../lib/json-body.js';
import { logger } from '../lib/logger.js';

/** POST /api/intake — the public registration. Answers 202 {reference} or a 4xx with field errors. */
export const MAX_INTAKE_BYTES = 32 * 1024;

export const handler = apiHandler(async (event) => {
  const body = readJsonBody(event, { maxBytes: MAX_INTAKE_BYTES });
  const lang = requestLanguage(event, body);

  const idempotencyKey = header(event, 'idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
    throw new HttpError(400, 'invalid_idempotency_key', undefined, {}, lang);

  // A bot filled the hidden field: answer like a success, store nothing, tell it nothing.
  if (isHoneypotFilled(body)) {
    logger.info('intake honeypot');
    return json(202, { reference: newReference() });
  }

  const now = new Date();
  // Ages and years count in German time, not UTC (a birthday starts at midnight in Duisburg).
  const result = validateIntake(body, config().siteIds, berlinDate(now));
  if (!result.ok) throw badRequest(localise(result.problems, lang), lang);

  const accepted = await acceptIntake(result.intake, idempotencyKey, now);
  return json(202, { reference: accepted.reference });
});
