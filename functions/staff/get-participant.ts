import { DescribeExecutionCommand, GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { ParticipantId } from '../../schemas/staff.js';
import { appendAudit, getParticipantRecord, type Participant } from '../data/table.js';
import { intakeWorkflowView, type WorkflowView } from '../domain/workflow-view.js';
import { apiHandler } from '../lib/api-handler.js';
import { json, notFound } from '../lib/http.js';
import { logger } from '../lib/logger.js';
import { principalOf, requireSiteStaff } from '../lib/principal.js';
import { sfn } from '../lib/workflows-client.js';

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
    const [execution, events] = await Promise.all([
      sfn.send(new DescribeExecutionCommand({ executionArn })),
      history(executionArn),
    ]);
    return [intakeWorkflowView(execution.status ?? 'UNKNOWN', events, p.followUp)];
  } catch (err) {
    logger.warn('workflow state unavailable', { participantId: p.id, error: (err as Error).name });
    return [intakeWorkflowView('UNKNOWN', [], p.followUp)];
  }
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 200, nextToken, includeExecutionData: true }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken && events.length < 1000);
  return events;
}
