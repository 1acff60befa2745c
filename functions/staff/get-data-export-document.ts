import { GetParticipantDataExportDocument } from '../../schemas/routes/data-export.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { exportPersonDocument } from '../use-cases/data-export.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** The document styles itself inline and runs no script. */
const DOCUMENT_HEADERS = { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'", 'x-robots-tag': 'noindex, nofollow' };

/** GET /api/staff/participants/{id}/data-export.html?lang= — the access request's copy as a document (German unless asked); audited. */
export const handler = apiHandler(GetParticipantDataExportDocument, async ({ principal, params, query }) => {
  const lang = query.lang ?? 'de';
  const { reference, document } = await exportPersonDocument(requireSite(principal), params.id, lang);
  return {
    status: 200,
    body: document,
    headers: { ...DOCUMENT_HEADERS, 'content-language': lang, 'content-disposition': `inline; filename="datenauskunft-${reference}-${lang}.html"` },
  };
}, { onCaller: recordVisit });
