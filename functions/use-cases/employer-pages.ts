import { answerPage, feedbackPage, refusalPage, thanksPage, type Contact, type RefusalKind } from '../domain/employer-page.js';
import { config, siteById } from '../lib/config.js';
import type { LinkState, PostResult } from './employer-link.js';

/**
 * The employer's link in pages: which page and which status for where the link stands (the
 * state from employer-link.ts), with the site team as the contact. Every refusal is a 4xx page.
 */

export interface Page {
  status: 200 | 400 | 403 | 404 | 409 | 410 | 413 | 415 | 500;
  html: string;
}

const STATUS: Record<RefusalKind, Page['status']> = {
  unknown: 404,
  answered: 409,
  expired: 410,
  superseded: 410,
  cancelled: 410,
  closed: 410,
  forbidden: 403,
  error: 500,
};

function contactOf(site: string): Contact {
  const s = siteById(site);
  return s ? { siteName: s.name, teamEmail: s.teamEmail } : { siteName: 'BIWAQ', teamEmail: config().mailFrom };
}

/** Without a placement (an unknown link) we cannot say whose it is: every site's team. */
const everySite = (): Contact[] => config().sites.map((s) => ({ siteName: s.name, teamEmail: s.teamEmail }));

export function pageFor(state: LinkState | PostResult): Page {
  switch (state.kind) {
    case 'open':
      return { status: 200, html: state.purpose === 'answer' ? answerPage(state.placement, contactOf(state.placement.site)) : feedbackPage(state.placement, contactOf(state.placement.site)) };
    case 'invalid': {
      const field = String(state.problems[0]?.path[0] ?? 'invalid');
      const c = contactOf(state.placement.site);
      return { status: 400, html: state.purpose === 'answer' ? answerPage(state.placement, c, field) : feedbackPage(state.placement, c, field) };
    }
    case 'done':
      return { status: 200, html: thanksPage(state.placement, state.purpose, contactOf(state.placement.site)) };
    case 'unknown':
      return { status: 404, html: refusalPage('unknown', everySite()) };
    default:
      return { status: STATUS[state.kind], html: refusalPage(state.kind, [contactOf(state.placement.site)], state.placement, state.purpose) };
  }
}

/** What the HTTP layer refuses before the link is looked at (foreign Origin, 413, 415, a broken form, a failure). */
export function pageForStatus(status: number, _code: string): Page {
  if (status === 404) return { status: 404, html: refusalPage('unknown', everySite()) };
  if (status === 403) return { status: 403, html: refusalPage('forbidden', everySite()) };
  // A broken or oversized form (400, 413, 415) or a failure (500): nothing was saved, try again.
  const known = ([400, 413, 415] as const).find((s) => s === status);
  return { status: known ?? 500, html: refusalPage('error', everySite()) };
}
