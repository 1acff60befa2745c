import type { ParticipantStatus } from '../../schemas/staff.js';
import { listParticipants } from '../data/participants.js';
import { decodeCursor, encodeCursor } from '../data/cursor.js';
import { InvalidCursor } from '../domain/errors.js';
import type { SitePrincipal } from '../lib/principal.js';

/** A page of the caller's site, newest first: one Query, the cursor bound to that site. */
export async function listSiteParticipants(me: SitePrincipal, q: { status?: ParticipantStatus; cursor?: string; limit?: number }) {
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  if (q.cursor !== undefined && !after) throw new InvalidCursor();
  const page = await listParticipants(me.site, { status: q.status, after, limit: q.limit ?? 25 });
  return {
    items: page.items.map((p) => ({
      id: p.id,
      reference: p.reference,
      site: p.site,
      status: p.status,
      createdAt: p.createdAt,
      firstName: p.entry.person.firstName,
      lastName: p.entry.person.lastName,
      help: p.entry.help,
      duplicates: p.duplicateSubmissionIds?.size ?? 0,
    })),
    cursor: page.next ? encodeCursor(page.next) : null,
  };
}
