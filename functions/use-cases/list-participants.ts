import type { ParticipantStatus } from '../../schemas/staff.js';
import { appendSiteAudit } from '../data/audit.js';
import { listParticipants } from '../data/participants.js';
import { decodeCursor, encodeCursor } from '../data/cursor.js';
import { InvalidCursor } from '../domain/errors.js';
import { participantSummary } from '../domain/participant-views.js';
import type { SitePrincipal } from '../lib/principal.js';

/**
 * A page of the caller's site, newest first: one Query, the cursor bound to that site. The read
 * is audited (site audit: filter, page, count — no personal data) before the data leaves.
 */
export async function listSiteParticipants(
  me: SitePrincipal,
  q: { status?: ParticipantStatus; assignedTo?: string; cursor?: string; limit?: number },
  now: Date = new Date(),
) {
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  if (q.cursor !== undefined && !after) throw new InvalidCursor();
  const assignedTo = q.assignedTo === 'me' ? me.sub : q.assignedTo;
  const page = await listParticipants(me.site, { status: q.status, assignedTo, after, limit: q.limit ?? 25 });
  await appendSiteAudit(me.site, {
    at: now.toISOString(),
    actor: me.sub,
    role: me.role,
    action: 'participants.list',
    detail: { status: q.status ?? null, assignedTo: assignedTo ?? null, page: after ? 'next' : 'first', count: page.items.length },
  });
  return {
    items: page.items.map(participantSummary),
    cursor: page.next ? encodeCursor(page.next) : null,
  };
}
