import { PostEmployerPage } from '../../schemas/routes/employer.js';
import type { Reply } from '../../schemas/http/contract.js';
import { apiHandler } from '../lib/api-handler.js';
import { config } from '../lib/config.js';
import { header, PAGE_HEADERS, textResponse } from '../lib/http.js';
import { actOnLink } from '../use-cases/employer-link.js';
import { pageFor, pageForStatus } from '../use-cases/employer-pages.js';

/**
 * POST /p/{linkId} — the employer's answer or feedback, once. Only from our own page: the Origin
 * must be the public origin; `null` only with `Sec-Fetch-Site: same-origin` (browsers send `null`
 * for a form on a page whose policy is no-referrer). Anything else is refused (403 page).
 */
export const handler = apiHandler(
  PostEmployerPage,
  async ({ event, params, body }) => {
    const origin = header(event, 'origin');
    const sameOrigin = origin === config().publicOrigin || (origin === 'null' && header(event, 'sec-fetch-site') === 'same-origin');
    const page = sameOrigin ? pageFor(await actOnLink(params.linkId, body)) : pageForStatus(403, 'forbidden');
    // A status the contract does not declare is refused at run time (api-handler.ts).
    return { status: page.status, body: page.html, headers: PAGE_HEADERS } as Reply<typeof PostEmployerPage>;
  },
  {
    errorPage: (status, code) => {
      const page = pageForStatus(status, code);
      return textResponse(page.status, page.html, 'text/html', PAGE_HEADERS);
    },
  },
);
