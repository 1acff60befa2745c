import type { Assignment } from '../../schemas/model/participant.js';
import { appendAudit } from '../data/audit.js';
import { assign } from '../data/participant-changes.js';
import { getParticipant } from '../data/participants.js';
import { getStaffMember } from '../data/staff-directory.js';
import { InvalidInput, NotFound, StateConflict, VersionConflict } from '../domain/errors.js';
import { assigneeView } from '../domain/participant-views.js';
import type { SitePrincipal } from '../lib/principal.js';
import { visibleTo } from '../domain/erasure.js';

/**
 * A lead assigns a participant of their site to a staff member of the same site (one who is in
 * the site's directory), or to nobody: one conditional write on the version the caller saw,
 * then an audit entry in the participant's trail (the assignee's subject id, no names).
 */
export async function assignParticipant(me: SitePrincipal, id: string, version: number, assignedTo: string | null, now: Date = new Date()) {
  const at = now.toISOString();
  const p = await getParticipant(id);
  if (!visibleTo(me, p)) throw new NotFound();
  if (p.version !== version) throw new VersionConflict();

  let assignment: Assignment | null = null;
  if (assignedTo !== null) {
    const member = await getStaffMember(me.site, assignedTo);
    if (!member || member.role === 'coordinator') throw new InvalidInput([{ path: ['assignedTo'], code: 'invalid_option' }]);
    assignment = { sub: member.sub, username: member.username, assignedAt: at, assignedBy: me.sub };
  }

  const result = await assign(p, version, assignment, at);
  if (!result.ok) {
    if (result.reason === 'not_found') throw new NotFound();
    throw result.reason === 'version' ? new VersionConflict() : new StateConflict();
  }
  await appendAudit(id, {
    at,
    actor: me.sub,
    role: me.role,
    action: assignment ? 'participant.assigned' : 'participant.unassigned',
    detail: { assignedTo: assignment?.sub ?? null },
  });
  const q = result.participant;
  return { id: q.id, version: q.version, updatedAt: q.updatedAt, assignedTo: assigneeView(q) };
}
