import { PostIntake } from '../../schemas/routes/intake.js';
import { validateIntake } from '../../schemas/validate-intake.js';
import { InvalidInput } from '../domain/errors.js';
import { IDEMPOTENCY_KEY_PATTERN, isHoneypotFilled, newReference } from '../domain/intake.js';
import { berlinDate } from '../domain/working-days.js';
import { acceptIntake } from '../use-cases/accept-intake.js';
import { apiHandler } from '../lib/api-handler.js';
import { config } from '../lib/config.js';
import { header, HttpError } from '../lib/http.js';
import { logger } from '../lib/logger.js';

/** POST /api/intake — the public registration. Answers 202 {reference} or a 4xx with field errors. */
export const handler = apiHandler(PostIntake, async ({ event, body }) => {
  const idempotencyKey = header(event, 'idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) throw new HttpError(400, 'invalid_idempotency_key');

  // A bot filled the hidden field: answer like a success, store nothing, tell it nothing.
  if (isHoneypotFilled(body)) {
    logger.info('intake honeypot');
    return { status: 202, body: { reference: newReference() } };
  }

  const now = new Date();
  // Ages and years count in German time, not UTC (a birthday starts at midnight in Duisburg).
  const result = validateIntake(body, config().siteIds, berlinDate(now));
  if (!result.ok) throw new InvalidInput(result.problems);
  return { status: 202, body: await acceptIntake(result.intake, idempotencyKey, now) };
});
