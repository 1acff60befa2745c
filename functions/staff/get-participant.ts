import { ParticipantId } from '../../schemas/staff.js';
import { appendAudit, getParticipantRecord, type Participant } from '../data/table.js';
import { describeExecution } from '../data/workflows.js';
import { intakeWorkflowView, type WorkflowView } from '../domain/workflow-view.js';
import { apiHandler } from '../lib/api-handler.js';
import { json, notFound } from '../lib/http.js';
import { logger } from '../lib/logger.js';
import { principalOf, requireSiteStaff } from '../lib/principal.js';

/**
 * GET /api/staff/participants/{id} — entry data, duplicate flags, further submissions and the
 * audit trail. Another site's participant answers 404 exactly like an unknown id. Every read
 * is itself audited before the data leaves.
 */
export const handler = apiHandler(async (event) => {
  const me = requireSiteStaff(principalOf(event));
  const id = event.pathParameters?.['id'] ?? '';
  if (!ParticipantId.safeParse(id).success) throw notFound();

  const record = await getParticipantRecord(id);
  if (!record || record.participant.site !== me.site) throw notFound();

  const read = { at: new Date().toISOString(), actor: me.sub, role: me.role, action: 'participant.read' };
  await appendAudit(id, read);

  const { participant: p, submissions, audit } = record;
  const workflows = await workflowViews(p);
  return json(200, {
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
    },
    workflows,
    duplicates: {
      flagged: submissions.length > 0,
      submissions: submissions.map((s) => ({
        reference: s.reference,
        receivedAt: s.receivedAt,
        site: s.site,
        lang: s.lang,
        entry: s.entry ?? null,
      })),
    },
    audit: [...audit, read].map((a) => ({ at: a.at, actor: a.actor, role: a.role, action: a.action })),
  });
});

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
