import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { lazySchema } from '../lazy.js';
import { ROUTE_PATHS } from './paths.js';

/**
 * The Art. 13 data notice as a public page (server-rendered HTML, no script): per site, in the
 * ten intake languages (Arabic and Farsi right-to-left), linked from the intake form and from
 * every mail to a participant or employer.
 */

const HtmlBody = lazySchema(() => z.string());

const page = (description: string) => ({
  description,
  contentType: 'text/html' as const,
  body: HtmlBody,
  headers: {
    'Content-Security-Policy': { description: "`default-src 'none'; style-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`" },
    'Cache-Control': { description: '`public, max-age=300`' },
    'Content-Language': { description: 'The language of the page.' },
  },
});

export const GetDataNotice = defineRoute({
  id: 'GetDataNotice',
  ...ROUTE_PATHS.GetDataNotice,
  head: true,
  auth: { kind: 'public' },
  tag: 'public',
  summary: 'The data notice (Art. 13 GDPR) of a site, in one language (HTML)',
  description:
    'The controller (the site\'s organisation), its office and data-protection officer, the purposes and legal bases (with the separate Art. 9(2)(a) consent for part 2), ' +
    'the recipients, the retention periods (schemas/retention.ts), every right and the supervisory authority. `lang` falls back to Accept-Language, then German; ' +
    'without `site` the page lists the sites to choose from. `version` shows an earlier version word for word.',
  // Loose: unknown parameters are ignored (links may carry trackers; the page needs none).
  query: z.object({ site: z.optional(z.string()), lang: z.optional(z.string()), version: z.optional(z.string()) }),
  responses: {
    200: page('The notice of the site (or, without `site`, the list of sites).'),
    404: page('Unknown site or version: a page saying so, with the list of sites.'),
  },
});
