import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { lazySchema } from '../lazy.js';
import { EmployerFormInput } from '../placement-inputs.js';
import { ROUTE_PATHS } from './paths.js';

/**
 * The employer's pages behind an e-mail link (no account): server-rendered HTML in German with
 * English, readable on a phone, no script. `GET` (and a mail scanner's `HEAD`) shows the placement
 * and its form and changes nothing; `POST` (a form) acts once. Every refusal is a page that says
 * which (and whom to ask), with a 4xx status; nothing changes.
 */

const HtmlBody = lazySchema(() => z.string());

const page = (description: string) => ({
  description,
  contentType: 'text/html' as const,
  body: HtmlBody,
  headers: {
    'Content-Security-Policy': { description: "`default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`" },
    'Cache-Control': { description: '`no-store`' },
    'Referrer-Policy': { description: '`no-referrer`' },
  },
});

/** The link id is checked by the page (a malformed one gets the "unknown link" page, not a JSON 404). */
const LinkParams = z.strictObject({ linkId: z.string().check(z.minLength(1), z.maxLength(200)) });

const refusals = {
  404: page('Unknown link (forged, tampered, or long deleted): a page saying so, with whom to ask.'),
  409: page('Already answered (a used link, a second post): the recorded answer.'),
  410: page('Expired, replaced by a newer link (a resend), cancelled, or the request is closed.'),
  500: page('Unexpected failure; no details are given.'),
} as const;

export const GetEmployerPage = defineRoute({
  id: 'GetEmployerPage',
  ...ROUTE_PATHS.GetEmployerPage,
  head: true,
  auth: { kind: 'public' },
  tag: 'employer',
  summary: "The employer's page of a trial placement (HTML)",
  description:
    'Two reads (the link item by the hash of the id, the placement), no write: a mail scanner that opens the link (GET or HEAD) changes nothing. ' +
    'Shows the placement as the employer sees it — the participant\'s first name only, the role, the dates, the hours, place, tasks, supervisor — with Confirm / ' +
    'Decline (an optional reason), or, at the end, the feedback form (employment, apprenticeship, none with a short reason).',
  params: LinkParams,
  responses: { 200: page('The placement and its form.'), ...refusals },
});

export const PostEmployerPage = defineRoute({
  id: 'PostEmployerPage',
  ...ROUTE_PATHS.PostEmployerPage,
  auth: { kind: 'public' },
  tag: 'employer',
  summary: "The employer's answer or feedback (an HTML form)",
  description:
    '`decision=confirm|decline` and `reason` (the answer), or `outcome=employment|apprenticeship|none` and `reason` (the feedback; a reason is needed for `none`). ' +
    'At most two DynamoDB round trips before it answers: Get the link item, then one conditional Update of the placement (ALL_NEW also yields the task token), then ' +
    'SendTaskSuccess (a failure is logged; the answer stands and the workflow takes it up at its next step). The `Origin` must be the public origin ' +
    '(or `null` with `Sec-Fetch-Site: same-origin`, what browsers send under `Referrer-Policy: no-referrer`): otherwise 403.',
  params: LinkParams,
  body: { schema: EmployerFormInput, maxBytes: 8 * 1024, contentType: 'application/x-www-form-urlencoded', validatedBy: 'handler' },
  responses: {
    200: page('Thank you: the recorded answer.'),
    400: page('The form is incomplete (e.g. no choice, no reason for "none"): the form again, with the problem.'),
    403: page('Not sent from our page (a missing or foreign `Origin`).'),
    413: page('The form is too large.'),
    415: page('Not `application/x-www-form-urlencoded` in UTF-8.'),
    ...refusals,
  },
});
