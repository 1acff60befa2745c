import { randomUUID } from 'node:crypto';
import { ERASURE_AUDIT_ACTIONS, type ErasureReason } from '../../schemas/erasure.js';
import type { AuditEntry } from '../../schemas/model/audit.js';
import type { ErasureState, Participant } from '../../schemas/model/participant.js';
import { appendAudit, appendSiteAuditOnce } from '../data/audit.js';
import { itemsOfPerson } from '../data/data-subject.js';
import { beginErasure, deleteItems, deleteProfile, hideFromLists, restrictProfile } from '../data/erasure.js';
import { getParticipant } from '../data/participants.js';
import { restrictionErasureDueAt, retentionDutyApplies } from '../domain/erasure.js';
import { NotFound, StateConflict, VersionConflict } from '../domain/errors.js';
import { berlinDate } from '../domain/working-days.js';
import { config } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import type { SitePrincipal } from '../lib/principal.js';
import { personKeys } from './data-export.js';
import { endWorkflows } from './end-workflows.js';
import { settleFigures } from './settle-figures.js';

/**
 * Erasure (Art. 17) and restriction (Art. 18) of one person (docs/data-protection.md). Without a
 * retention duty everything about them is deleted now; while the funder's duty applies they are
 * restricted and erased when it ends (the retention sweep). Each step is safe to repeat: a retry,
 * or a restart in the middle, finishes the same erasure and writes its audit entry once.
 */

export type ErasureResult =
  | { outcome: 'erased'; erasureId: string; erasureDueAt: null; items: Record<string, number> }
  | { outcome: 'restricted'; erasureId: null; erasureDueAt: string; items: Record<string, number> };

/** A lead's erasure request on the version they saw. */
export async function requestErasure(me: SitePrincipal, id: string, body: { version: number; reason: ErasureReason }, now = new Date()): Promise<ErasureResult> {
  const p = await getParticipant(id);
  if (!p || p.site !== me.site) throw new NotFound();
  // A restriction that a crash left half done is finished by asking again (its version moved on).
  if (p.restricted) return finishRestriction(p, now);
  if (p.version !== body.version && !p.erasure) throw new VersionConflict();
  const at = now.toISOString();
  if (!p.erasure && retentionDutyApplies(p, berlinDate(now), config().funderRetentionEnd)) {
    const restriction = { since: at, by: me.sub, reason: body.reason, erasureDueAt: restrictionErasureDueAt(config().funderRetentionEnd) };
    const result = await restrictProfile(p, body.version, restriction, at);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new NotFound();
      throw result.reason === 'version' ? new VersionConflict() : new StateConflict();
    }
    await appendAudit(p.id, { at, actor: me.sub, role: me.role, action: ERASURE_AUDIT_ACTIONS.restricted, detail: { reason: body.reason, erasureDueAt: restriction.erasureDueAt } });
    logger.info('processing restricted', { participantId: p.id, erasureDueAt: restriction.erasureDueAt });
    return finishRestriction(result.participant, now);
  }
  return erasePerson(p, { id: randomUUID().replaceAll('-', ''), requestedAt: at, by: me.sub, reason: body.reason, trigger: 'request' }, body.version, me.role);
}

/** Hides the restricted person's placements and cases and deletes their name-index entries (idempotent); ends their workflows. */
async function finishRestriction(p: Participant, now: Date): Promise<ErasureResult> {
  const items = await itemsOfPerson(personKeys(p.id));
  for (const i of items) if (i.kind === 'Placement' || i.kind === 'RecognitionCase') await hideFromLists(i.key);
  await deleteItems(items.filter((i) => i.kind === 'NameIndexEntry').map((i) => i.key));
  await endWorkflows(p, now, 'processing restricted');
  return { outcome: 'restricted', erasureId: null, erasureDueAt: p.restricted!.erasureDueAt, items: {} };
}

/**
 * Deletes every item about the person (data-subject.ts finds them), the profile last, after their
 * figures are settled into the counters (which an erasure never touches: the reports stay right).
 * What remains is one site-level audit entry naming no person: the erasure's id, why, what kinds.
 */
export async function erasePerson(p: Participant, start: ErasureState, expectedVersion?: number, role: AuditEntry['role'] = 'system'): Promise<ErasureResult & { outcome: 'erased' }> {
  const erasure = await beginErasure(p.id, start, expectedVersion);
  if (!erasure) {
    if (expectedVersion !== undefined && (await getParticipant(p.id))) throw new VersionConflict();
    throw new NotFound();
  }
  const at = erasure.requestedAt;
  await settleFigures(p.id, at);
  await endWorkflows(p, new Date(at), 'participant erased');
  const items = await itemsOfPerson(personKeys(p.id));
  const counts: Record<string, number> = {};
  for (const i of items) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
  await appendSiteAuditOnce(
    p.site,
    {
      at,
      actor: erasure.by,
      role: erasure.trigger === 'request' ? role : 'system',
      action: ERASURE_AUDIT_ACTIONS.erased,
      detail: { erasureId: erasure.id, trigger: erasure.trigger, reason: erasure.reason, ...counts },
    },
    erasure.id,
  );
  // The entry first: a crash after it is finished by a retry, which finds the rest through the profile.
  await deleteItems(items.filter((i) => i.kind !== 'Participant').map((i) => i.key));
  await deleteProfile(p.id);
  // The erasure's id and counts only: the person's id would link the log to nobody, but there is no need for it.
  logger.info('person erased', { erasureId: erasure.id, trigger: erasure.trigger, items: Object.values(counts).reduce((a, b) => a + b, 0) });
  return { outcome: 'erased', erasureId: erasure.id, erasureDueAt: null, items: counts };
}
