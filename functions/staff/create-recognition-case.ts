import { CreateRecognitionCase } from '../../schemas/routes/recognition.js';
import { IDEMPOTENCY_KEY_PATTERN } from '../domain/intake.js';
import { apiHandler } from '../lib/api-handler.js';
import { header, HttpError } from '../lib/http.js';
import { requireSite } from '../lib/principal.js';
import { createRecognitionCase } from '../use-cases/create-recognition-case.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/recognition-cases — open a recognition case for a participant; 201 {id, version}. */
export const handler = apiHandler(
  CreateRecognitionCase,
  async ({ principal, event, body }) => {
    const me = requireSite(principal);
    const idempotencyKey = header(event, 'idempotency-key');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) throw new HttpError(400, 'invalid_idempotency_key');
    return { status: 201, body: await createRecognitionCase(me, body, idempotencyKey) };
  },
  { onCaller: recordVisit },
);
