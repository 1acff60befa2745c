import { GetEmployerPage } from '../../schemas/routes/employer.js';
import type { Reply } from '../../schemas/http/contract.js';
import { apiHandler } from '../lib/api-handler.js';
import { PAGE_HEADERS, textResponse } from '../lib/http.js';
import { viewLink } from '../use-cases/employer-link.js';
import { pageFor, pageForStatus } from '../use-cases/employer-pages.js';

/** GET (and HEAD) /p/{linkId} — the employer's page: the placement and its form, or why not. Changes nothing. */
export const handler = apiHandler(
  GetEmployerPage,
  async ({ params }) => {
    const page = pageFor(await viewLink(params.linkId));
    // A status the contract does not declare is refused at run time (api-handler.ts).
    return { status: page.status, body: page.html, headers: PAGE_HEADERS } as Reply<typeof GetEmployerPage>;
  },
  {
    errorPage: (status, code) => {
      const page = pageForStatus(status, code);
      return textResponse(page.status, page.html, 'text/html', PAGE_HEADERS);
    },
  },
);
