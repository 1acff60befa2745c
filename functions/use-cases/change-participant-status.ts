import { appendAudit } from '../data/audit.js';
import { changeStatus, type StatusChange } from '../data/participant-changes.js';
import { stopExecution } from '../data/workflows.js';
import { NotFound, StateConflict, VersionConflict } from '../domain/errors.js';
import { getParticipant } from '../data/participants.js';
import { retentionDueAt } from '../domain/erasure.js';
import { berlinDate } from '../domain/working-days.js';
import { config } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import { settleFigures } from './settle-figures.js';
import type { SitePrincipal } from '../lib/principal.js';

/**
 * Records a status change a staff member makes (first contact, withdrawal): one conditional
 * write on the version the caller saw (VersionConflict if someone was quicker), an audit entry,
 * and the end of the intake follow-up workflow. The follow-up's steps re-read the status anyway,
 * so a failed stop never sends a reminder that is no longer due.
 */
export async function changeParticipantStatus(
  me: SitePrincipal,
  participantId: string,
  version: number,
  change: StatusChange,
  action: string,
  at: string,
) {
  // A withdrawal starts the retention period, whose length depends on whether the person took part.
  const before = change.status === 'withdrawn' ? await getParticipant(participantId) : undefined;
  const due = before ? retentionDueAt(before, berlinDate(new Date(at)), config().funderRetentionEnd) : undefined;
  const result = await changeStatus(participantId, me.site, version, change, at, due);
  if (!result.ok) {
    if (result.reason === 'not_found') throw new NotFound();
    throw result.reason === 'version' ? new VersionConflict() : new StateConflict();
  }
  await appendAudit(participantId, { at, actor: me.sub, role: me.role, action });
  // A withdrawal before taking part leaves the figures (idempotent; the reader settles what a crash left).
  await settleFigures(participantId);

  const executionArn = result.participant.workflows?.intake;
  if (executionArn) {
    await stopExecution(executionArn, `participant ${change.status}`).catch((err: Error) =>
      logger.warn('follow-up not stopped', { participantId, error: err.name }),
    );
  }
  const p = result.participant;
  return { id: p.id, status: p.status, version: p.version, updatedAt: p.updatedAt };
}
