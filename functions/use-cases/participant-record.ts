import type { AuditEntry } from '../../schemas/model/audit.js';
import type { Participant } from '../../schemas/model/participant.js';
import { appendAudit, auditPage } from '../data/audit.js';
import { getParticipant, getParticipantWithSubmissions } from '../data/participants.js';
import { placementsOfParticipant } from '../data/placements.js';
import { recognitionOfParticipant } from '../data/recognition-cases.js';
import { describeExecution } from '../data/workflows.js';
import { encodeAuditCursor } from '../data/cursor.js';
import { NotFound, StateConflict } from '../domain/errors.js';
import { visibleTo } from '../domain/erasure.js';
import { ERASURE_AUDIT_ACTIONS, type RestrictedReadReason } from '../../schemas/erasure.js';
import { suggestedOutcome } from '../domain/exit-rules.js';
import { assigneeView } from '../domain/participant-views.js';
import { participantPlacementView } from '../domain/placement-views.js';
import { recognitionSummary } from '../domain/recognition-views.js';
import { intakeWorkflowView, type WorkflowView } from '../domain/workflow-view.js';
import { siteById } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import type { SitePrincipal } from '../lib/principal.js';

/** How many audit entries the record shows; older ones are paged (GET …/audit). */
export const AUDIT_PAGE = 50;

/**
 * A participant's record for staff of its site. Another site's participant is NotFound exactly
 * like an unknown id. The read is audited before the data leaves.
 */
export async function readParticipantRecord(me: SitePrincipal, id: string, now: Date = new Date()) {
  return (await readRecord(me, id, now)).record;
}

/** A restricted person's record, read by a lead with a reason (Art. 18(2)); the read and its reason are audited. */
export async function readRestrictedRecord(me: SitePrincipal, id: string, reason: RestrictedReadReason, now: Date = new Date()) {
  const { record, restricted: r } = await readRecord(me, id, now, reason);
  return { restricted: { since: r!.since, reason: r!.reason, erasureDueAt: r!.erasureDueAt }, reason, record };
}

async function readRecord(me: SitePrincipal, id: string, now: Date, restrictedRead?: RestrictedReadReason) {
  const [found, audit, placements, recognition] = await Promise.all([
    getParticipantWithSubmissions(id),
    auditPage(id, { limit: AUDIT_PAGE }),
    placementsOfParticipant(id),
    recognitionOfParticipant(id),
  ]);
  if (!found || found.participant.site !== me.site) throw new NotFound();
  // A restricted person is read only by a lead with a reason (Art. 18(2)); to everyone else they do not exist.
  if (found.participant.restricted && (!restrictedRead || me.role !== 'lead')) throw new NotFound();
  if (restrictedRead && !found.participant.restricted) throw new StateConflict('not_restricted');

  const read: AuditEntry = restrictedRead
    ? { at: now.toISOString(), actor: me.sub, role: me.role, action: ERASURE_AUDIT_ACTIONS.restrictedRead, detail: { reason: restrictedRead } }
    : { at: now.toISOString(), actor: me.sub, role: me.role, action: 'participant.read' };
  await appendAudit(id, read);

  const { participant: p, submissions } = found;
  // A case belongs to the site that opened it (after a handover the new site opens its own).
  const ownCases = recognition.filter((c) => c.site === me.site);
  const record = {
    participant: {
      id: p.id,
      reference: p.reference,
      site: p.site,
      status: p.status,
      lang: p.lang,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      version: p.version,
      entry: p.entry,
      consent: p.consent,
      firstContact: p.firstContact ?? null,
      withdrawal: p.withdrawal ?? null,
      followUp: p.followUp ?? null,
      assignedTo: assigneeView(p),
      transferredFrom: p.transferredFrom ? { site: siteRef(p.transferredFrom.fromSite), at: p.transferredFrom.at } : null,
      exit: p.exit ?? null,
      exitHistory: p.exitHistory ?? [],
    },
    // Offered for the exit form while the participant has not left; never recorded by itself.
    suggestedOutcome: p.status === 'exited' || p.status === 'withdrawn' ? null : (suggestedOutcome(placements, ownCases) ?? null),
    workflows: await workflowViews(p),
    duplicates: {
      flagged: submissions.length > 0,
      // Where each further submission came in: another site's intake is said plainly (one person, one project).
      submissions: submissions.map((s) => ({
        reference: s.reference,
        receivedAt: s.receivedAt,
        site: s.site,
        fromSite: siteRef(s.site),
        otherSite: s.site !== p.site,
        lang: s.lang,
        entry: s.entry ?? null,
      })),
    },
    placements: placements.map(participantPlacementView),
    recognitionCases: ownCases.map((c) => recognitionSummary(c, now)),
    audit: [...[...audit.items].reverse(), read].map(auditView),
    auditCursor: audit.next ? encodeAuditCursor(audit.next) : null,
  };
  return { record, restricted: p.restricted };
}

/** Older audit entries, newest first, for staff of the participant's site. */
export async function readAuditTrail(me: SitePrincipal, id: string, after: string | undefined) {
  // The site check needs the profile only (one Get), read beside the page, not the submissions.
  const [participant, page] = await Promise.all([getParticipant(id), auditPage(id, { limit: AUDIT_PAGE, ...(after ? { after } : {}) })]);
  if (!visibleTo(me, participant)) throw new NotFound();
  return { items: page.items.map(auditView), cursor: page.next ? encodeAuditCursor(page.next) : null };
}

const auditView = (a: AuditEntry) => ({ at: a.at, actor: a.actor, role: a.role, action: a.action, ...(a.detail ? { detail: a.detail } : {}) });

const siteRef = (id: string) => ({ id, name: siteById(id)?.name ?? id });

/** The participant's workflows as staff should read them; a Step Functions hiccup never fails the read. */
async function workflowViews(p: Participant): Promise<WorkflowView[]> {
  const executionArn = p.workflows?.intake;
  if (!executionArn) return [];
  try {
    const { status, events } = await describeExecution(executionArn);
    return [intakeWorkflowView(status, events, p.followUp)];
  } catch (err) {
    logger.warn('workflow state unavailable', { participantId: p.id, error: (err as Error).name });
    return [intakeWorkflowView('UNKNOWN', [], p.followUp)];
  }
}
