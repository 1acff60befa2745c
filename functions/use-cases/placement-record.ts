import { appendAudit, appendSiteAudit } from '../data/audit.js';
import { decodePlacementCursor, encodeCursor } from '../data/cursor.js';
import { getPlacement, listPlacements } from '../data/placements.js';
import { InvalidCursor, NotFound } from '../domain/errors.js';
import { placementDetail, placementSummary } from '../domain/placement-views.js';
import type { PlacementStatus } from '../../schemas/placements.js';
import type { SitePrincipal } from '../lib/principal.js';
import { placementWorkflow } from './placement-workflow.js';
import { visibleTo } from '../domain/erasure.js';

/** Reading trial placements: a page of the site's, or one in full. Both are audited before the data leaves. */

export async function listSitePlacements(me: SitePrincipal, q: { status?: PlacementStatus; cursor?: string }, now: Date = new Date()) {
  const after = q.cursor === undefined ? undefined : decodePlacementCursor(q.cursor);
  if (q.cursor !== undefined && !after) throw new InvalidCursor();
  const page = await listPlacements(me.site, { status: q.status, after, limit: 25 });
  await appendSiteAudit(me.site, {
    at: now.toISOString(),
    actor: me.sub,
    role: me.role,
    action: 'placements.list',
    detail: { status: q.status ?? null, page: after ? 'next' : 'first', count: page.items.length },
  });
  return { items: page.items.map(placementSummary), cursor: page.next ? encodeCursor(page.next) : null };
}

/** One placement for staff of its site (another site's is NotFound, like an unknown id). */
export async function readPlacement(me: SitePrincipal, id: string, now: Date = new Date()) {
  const p = await getPlacement(id);
  if (!visibleTo(me, p)) throw new NotFound();
  await appendAudit(p.participantId, { at: now.toISOString(), actor: me.sub, role: me.role, action: 'placement.read', detail: { placementId: p.id } });
  return {
    placement: placementDetail(p),
    participant: { id: p.participantId, reference: p.participantReference },
    workflow: await placementWorkflow(p),
  };
}
