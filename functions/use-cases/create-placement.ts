import type { Placement } from '../../schemas/model/placement.js';
import type { PlacementInput } from '../../schemas/placement-inputs.js';
import { appendAuditOnce } from '../data/audit.js';
import { getParticipant } from '../data/participants.js';
import { putPlacement } from '../data/placements.js';
import { IdempotencyKeyReused, InvalidInput, NotFound, StateConflict, TryAgain } from '../domain/errors.js';
import { contentHash } from '../domain/intake.js';
import { checkPlacementDates, maxPlacementDays, placementIdFor } from '../domain/placement-rules.js';
import { berlinDate } from '../domain/working-days.js';
import { startPlacement } from './placement-workflow.js';
import type { SitePrincipal } from '../lib/principal.js';
import { employerContactDueAt, visibleTo } from '../domain/erasure.js';

/**
 * A counsellor asks an employer for a trial placement: the participant must be the caller's site's
 * (else NotFound) and not withdrawn; the dates must pass the domain's checks (the cap depends on
 * the participant's entry status). One conditional Put of the placement (idempotent on the
 * Idempotency-Key), then the TrialPlacement workflow is started with the placement id only
 * (execution name = placement id, so a retried request starts nothing twice).
 */
export async function createPlacement(me: SitePrincipal, input: PlacementInput, idempotencyKey: string | undefined, now: Date = new Date()) {
  const participant = await getParticipant(input.participantId);
  if (!visibleTo(me, participant)) throw new NotFound();
  if (participant.status === 'withdrawn') throw new StateConflict('participant_withdrawn');

  const maxDays = maxPlacementDays(participant.entry.employment.status, input.seriousObstacles);
  const problems = checkPlacementDates(input, berlinDate(now), maxDays);
  if (problems.length > 0) throw new InvalidInput(problems);

  const at = now.toISOString();
  const hash = contentHash(input);
  const { employer, supervisor, ...rest } = input;
  const draft: Placement = {
    ...rest,
    id: placementIdFor(me.site, idempotencyKey),
    site: me.site,
    status: 'requested',
    participantReference: participant.reference,
    participantFirstName: participant.entry.person.firstName,
    employer: { ...employer },
    ...(supervisor ? { supervisor: { ...supervisor } } : {}),
    maxDays,
    contentHash: hash,
    createdAt: at,
    createdBy: me.sub,
    updatedAt: at,
    version: 1,
  };
  // The employer's contact is looked at by the retention sweep no later than it could be due.
  const result = await putPlacement(draft, employerContactDueAt(draft, berlinDate(now)).dueAt);
  let placement: Placement;
  if (result.created) placement = result.placement;
  else {
    // A random id collided, or the first write with this key is gone: practically never; safe to retry.
    if (!idempotencyKey || !result.existing) throw new TryAgain();
    if (result.existing.contentHash !== hash) throw new IdempotencyKeyReused();
    placement = result.existing;
  }
  // Written again by a retry without effect (a fixed key), so a crash after the Put loses no entry.
  await appendAuditOnce(
    placement.participantId,
    { at: placement.createdAt, actor: placement.createdBy, role: me.role, action: 'placement.requested', detail: { placementId: placement.id } },
    `placement.requested:${placement.id}`,
  );
  // A replay starts it too, in case the first attempt's start failed; a running one is not started twice.
  if (placement.status === 'requested') await startPlacement(placement.id);
  return { id: placement.id, version: placement.version, status: placement.status };
}
