import type { Placement } from '../../schemas/model/placement.js';
import type { PlacementCancelInput, PlacementOutcomeInput } from '../../schemas/placement-inputs.js';
import type { LinkPurpose } from '../../schemas/placements.js';
import { appendAudit } from '../data/audit.js';
import { cancelPlacement, recordFeedbackByStaff, replaceLinks, type PlacementChange } from '../data/placement-changes.js';
import { getPlacement } from '../data/placements.js';
import { markCancellationToldEmployer } from '../data/placement-steps.js';
import { placementCancelledMail, placementFeedbackMail, placementRequestMail } from '../domain/employer-mails.js';
import { InvalidInput, NotFound, StateConflict, VersionConflict } from '../domain/errors.js';
import { sendTaskSuccess } from '../data/workflows.js';
import { answerDueTimes } from '../domain/placement-rules.js';
import { logger } from '../lib/logger.js';
import type { SitePrincipal } from '../lib/principal.js';
import { mailEmployer, mintLink, senderOf } from './employer-contact.js';
import { recordOutcome } from './placement-follow-up.js';
import { stopPlacementWorkflow } from './placement-workflow.js';
import { visibleTo } from '../domain/erasure.js';

/** What staff change on a placement: cancel it, or send the employer a new link. */

const changed = (p: Placement) => ({ id: p.id, status: p.status, version: p.version, updatedAt: p.updatedAt });

function refused(result: Exclude<PlacementChange, { ok: true }>): never {
  if (result.reason === 'not_found') throw new NotFound();
  throw result.reason === 'version' ? new VersionConflict() : new StateConflict();
}

/**
 * Cancels with the version the caller saw; stops the workflow (its steps re-read the status, so a
 * failed stop sends nothing more) and tells the employer if they had been asked.
 */
export async function cancelPlacementByStaff(me: SitePrincipal, id: string, input: PlacementCancelInput, now: Date = new Date()) {
  const at = now.toISOString();
  const result = await cancelPlacement(id, me.site, input.version, { ...(input.reason ? { reason: input.reason } : {}), at, by: me.sub, role: me.role });
  if (!result.ok) refused(result);
  const p = result.placement;
  await appendAudit(p.participantId, { at, actor: me.sub, role: me.role, action: 'placement.cancelled', detail: { placementId: p.id } });
  await stopPlacementWorkflow(p.id);
  if (p.requestSentAt) {
    try {
      await mailEmployer(p, placementCancelledMail(p, senderOf(p.site)));
      await markCancellationToldEmployer(p.id, new Date().toISOString());
    } catch (err) {
      // The cancellation stands; the console shows that the employer was not told (employerToldAt).
      logger.error('employer not told of the cancellation', { placementId: p.id, error: (err as Error).name });
    }
  }
  return changed(p);
}

/** Which link the employer could use now, if any: the answer's or the feedback's. */
function openPurpose(p: Placement): LinkPurpose | undefined {
  if (p.status === 'requested' && !p.answer) return 'answer';
  if (p.status === 'confirmed' && p.linkPurpose === 'feedback' && p.feedbackDue && !p.feedback) return 'feedback';
  return undefined;
}

/**
 * A new link by mail; once it is sent, it replaces every earlier link (they say "ersetzt"). The
 * mail goes first: if it fails nothing has changed, and the counsellor can simply try again.
 */
export async function resendPlacementLink(me: SitePrincipal, id: string, version: number, now: Date = new Date()) {
  const p = await getPlacement(id);
  if (!visibleTo(me, p)) throw new NotFound();
  if (p.version !== version) throw new VersionConflict();
  const purpose = openPurpose(p);
  if (!purpose) throw new StateConflict();
  const at = now.toISOString();
  const validUntil = purpose === 'answer' ? (p.answerDue?.closesAt ?? answerDueTimes(now).closesAt) : p.feedbackDue!.closesAt;
  const link = await mintLink(p, purpose, validUntil, at);
  const sender = senderOf(p.site);
  await mailEmployer(p, purpose === 'answer' ? placementRequestMail(p, link.url, validUntil, sender, 'new_link') : placementFeedbackMail(p, link.url, validUntil, sender, 'new_link'));
  const result = await replaceLinks(p, version, link.hash, purpose, at);
  if (!result.ok) refused(result);
  await appendAudit(p.participantId, { at, actor: me.sub, role: me.role, action: 'placement.link_resent', detail: { placementId: p.id, purpose } });
  return changed(result.placement);
}

/**
 * The counsellor records the hiring decision (the employer told them, e.g. after being asked by
 * the workflow): the placement is completed on the version the caller saw; the outcome goes on the
 * participant and into the audit trail at once (the same idempotent writes as the workflow's
 * RecordOutcome, which then finds them done); a workflow still waiting for the feedback is told.
 */
export async function recordOutcomeByStaff(me: SitePrincipal, id: string, input: PlacementOutcomeInput, now: Date = new Date()) {
  if (input.outcome === 'none' && !input.reason) throw new InvalidInput([{ path: ['reason'], code: 'required' }]);
  const at = now.toISOString();
  const result = await recordFeedbackByStaff(id, me.site, input.version, {
    outcome: input.outcome,
    ...(input.reason ? { reason: input.reason } : {}),
    at,
    by: me.sub,
    role: me.role,
  });
  if (!result.ok) refused(result);
  const p = result.placement;
  await recordOutcome(p.id, now);
  if (p.taskToken && p.tokenPurpose === 'feedback') {
    await sendTaskSuccess(p.taskToken, { feedback: true }).catch((err: Error) => logger.warn('workflow not told of the outcome', { placementId: p.id, error: err.name }));
  }
  return changed(p);
}
