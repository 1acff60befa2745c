import { UpdateRecognitionDocuments } from '../../schemas/routes/recognition.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { updateDocumentsByStaff } from '../use-cases/change-recognition-case.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** PATCH /api/staff/recognition-cases/{id}/documents — checklist items on the version the caller saw; the workflow is told. */
export const handler = apiHandler(
  UpdateRecognitionDocuments,
  async ({ principal, params, body }) => ({ status: 200, body: await updateDocumentsByStaff(requireSite(principal), params.id, body) }),
  { onCaller: recordVisit },
);
