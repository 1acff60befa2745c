import { CreatePlacement } from '../../schemas/routes/placements.js';
import { IDEMPOTENCY_KEY_PATTERN } from '../domain/intake.js';
import { apiHandler } from '../lib/api-handler.js';
import { header, HttpError } from '../lib/http.js';
import { requireSite } from '../lib/principal.js';
import { createPlacement } from '../use-cases/create-placement.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/placements — ask an employer for a trial placement; 201 {id, version, status}. */
export const handler = apiHandler(
  CreatePlacement,
  async ({ principal, event, body }) => {
    const me = requireSite(principal);
    const idempotencyKey = header(event, 'idempotency-key');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) throw new HttpError(400, 'invalid_idempotency_key');
    return { status: 201, body: await createPlacement(me, body, idempotencyKey) };
  },
  { onCaller: recordVisit },
);
