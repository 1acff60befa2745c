import type { Participant } from '../../schemas/model/participant.js';
import { appendSiteAudit } from '../data/audit.js';
import { getParticipant, getParticipants } from '../data/participants.js';
import { lookupReference, searchNames } from '../data/search-index.js';
import { planSearch } from '../domain/name-search.js';
import { participantSummary } from '../domain/participant-views.js';
import type { SitePrincipal } from '../lib/principal.js';
import { visibleTo } from '../domain/erasure.js';

/** At most this many people per search: the console asks to be more precise beyond it. */
export const SEARCH_LIMIT = 25;

/**
 * Finds participants of the caller's site by reference (a Get on the reference lookup, then the
 * profile) or by name prefix (one Query on the site's name index, then the profiles in one
 * BatchGet). Every hit is re-read and must belong to the caller's site: another site's person
 * is never found, exactly like an unknown one. Audited without the search text.
 */
export async function searchParticipants(me: SitePrincipal, q: string, now: Date = new Date()) {
  const plan = planSearch(q);
  let by: 'reference' | 'name' = plan.by === 'reference' ? 'reference' : 'name';
  let found: Participant[] = [];
  let truncated = false;

  if (plan.by === 'reference') {
    const hit = await lookupReference(plan.reference);
    const p = hit ? await getParticipant(hit.participantId) : undefined;
    if (visibleTo(me, p)) found = [p];
  }
  const prefix = plan.by === 'name' ? plan.prefix : plan.by === 'reference' && found.length === 0 ? plan.thenName : undefined;
  if (prefix) {
    by = 'name';
    const names = await searchNames(me.site, prefix, SEARCH_LIMIT);
    found = (await getParticipants(names.ids)).filter((p) => visibleTo(me, p));
    truncated = names.truncated;
  }

  await appendSiteAudit(me.site, { at: now.toISOString(), actor: me.sub, role: me.role, action: `participants.search.${by}`, detail: { count: found.length } });
  return { by, items: found.map(participantSummary), truncated };
}
