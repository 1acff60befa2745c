import { DATA_EXPORT_AUDIT_ACTION } from '../../schemas/data-export.js';
import type { Language } from '../../schemas/languages.js';
import { appendAudit } from '../data/audit.js';
import { itemsOfPerson, type PersonKeys } from '../data/data-subject.js';
import { getParticipant } from '../data/participants.js';
import { executionSummary, placementExecutionArn, recognitionExecutionArn } from '../data/workflows.js';
import { buildDataExport, executionName, mayExport, workflowRefs, type DataExport, type WorkflowRef, type WorkflowRun } from '../domain/data-export.js';
import { dataExportDocument } from '../domain/data-export-page.js';
import { NotAllowed, NotFound } from '../domain/errors.js';
import { identityHash } from '../domain/intake.js';
import { berlinDate } from '../domain/working-days.js';
import { config, siteById } from '../lib/config.js';
import type { SitePrincipal } from '../lib/principal.js';
import { visibleTo } from '../domain/erasure.js';

/**
 * The access request (Art. 15): everything stored about one person. The export is audited first
 * (who, when, format and language; no personal data), so the copy holds its own audit entry too.
 */
export async function exportPersonData(me: SitePrincipal, id: string, request: { format: 'json' } | { format: 'html'; lang: Language }, now: Date = new Date()): Promise<DataExport> {
  const p = await getParticipant(id);
  if (!visibleTo(me, p)) throw new NotFound();
  if (!mayExport(me, p)) throw new NotAllowed();
  await appendAudit(id, { at: now.toISOString(), actor: me.sub, role: me.role, action: DATA_EXPORT_AUDIT_ACTION, detail: request.format === 'html' ? { format: 'html', lang: request.lang } : { format: 'json' } });

  const items = await itemsOfPerson(personKeys(id));
  const runs = await Promise.all(workflowRefs(items).map(describeRun));
  return buildDataExport(p, items, runs, now);
}

/** How the person's items lead to keys outside their partition (identity hashes, team notice days), for the export and the erasure. */
export function personKeys(participantId: string): PersonKeys {
  const projectId = config().projectId;
  return {
    participantId,
    identityHashOf: (entry) => identityHash({ person: entry['person'] as Parameters<typeof identityHash>[0]['person'] }, projectId),
    noticeDayOf: (receivedAt) => berlinDate(new Date(receivedAt)),
  };
}

/** The export as the readable document in one language. */
export async function exportPersonDocument(me: SitePrincipal, id: string, lang: Language, now: Date = new Date()): Promise<{ reference: string; document: string }> {
  const x = await exportPersonData(me, id, { format: 'html', lang }, now);
  return { reference: x.reference, document: dataExportDocument(x, lang, siteById(x.site)?.name ?? x.site) };
}

async function describeRun(ref: WorkflowRef): Promise<WorkflowRun> {
  const executionArn =
    ref.executionArn ?? (ref.workflow === 'TrialPlacement' ? placementExecutionArn(ref.id) : recognitionExecutionArn(ref.id));
  return { workflow: ref.workflow, name: executionName(executionArn), executionArn, ...(await executionSummary(executionArn)) };
}
