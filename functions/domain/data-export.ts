import { DATA_EXPORT_FORMAT, DATA_EXPORT_KINDS, type DataExportKind } from '../../schemas/data-export.js';
import type { Language } from '../../schemas/languages.js';
import type { Role } from '../../schemas/staff.js';

/** The access export's rules and shape (pure): who may produce it, which workflows ran, the copy itself. */

export interface ExportItem {
  kind: DataExportKind;
  key: { PK: string; SK: string };
  expired: boolean;
  attributes: Record<string, unknown>;
}

export type WorkflowId = 'IntakeRegistration' | 'TrialPlacement' | 'RecognitionCase';

export interface WorkflowRef {
  workflow: WorkflowId;
  /** The execution's ARN where an item stores it; for placements and cases the id it is named by. */
  executionArn?: string;
  id: string;
}

export interface WorkflowRun {
  workflow: WorkflowId;
  name: string;
  executionArn: string;
  status: string;
  startDate: string | null;
  stopDate: string | null;
}

/**
 * A lead of the person's site, or their counsellor: the staff member assigned to them, or anyone on
 * the site's team while nobody is (the whole team looks after an unassigned person). The caller's
 * site was checked before (another site's person is NotFound).
 */
export function mayExport(me: { sub: string; role: Role }, p: { assignedTo?: { sub: string } | undefined }): boolean {
  if (me.role === 'lead') return true;
  if (me.role !== 'staff') return false;
  return !p.assignedTo || p.assignedTo.sub === me.sub;
}

/**
 * The workflows that ran for the person, from the items that record them: the intake execution on
 * the profile and on each submission (a further submission ran its own), one execution per
 * placement and per opened recognition case (named by its id; a draft has none).
 */
export function workflowRefs(items: readonly ExportItem[]): WorkflowRef[] {
  const refs = new Map<string, WorkflowRef>();
  const add = (r: WorkflowRef) => refs.set(r.executionArn ?? `${r.workflow}:${r.id}`, r);
  for (const i of items) {
    const a = i.attributes;
    if (i.kind === 'Participant') {
      const intake = (a['workflows'] as { intake?: unknown } | undefined)?.intake;
      if (typeof intake === 'string') add({ workflow: 'IntakeRegistration', executionArn: intake, id: String(a['firstSubmissionId']) });
    }
    if (i.kind === 'Submission' && typeof a['ownerExecution'] === 'string') add({ workflow: 'IntakeRegistration', executionArn: a['ownerExecution'], id: String(a['id']) });
    if (i.kind === 'Placement') add({ workflow: 'TrialPlacement', id: String(a['id']) });
    if (i.kind === 'RecognitionCase' && a['draft'] !== true) add({ workflow: 'RecognitionCase', id: String(a['id']) });
  }
  return [...refs.values()];
}

/** The name of an execution: the last part of its ARN. */
export const executionName = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

export function buildDataExport(p: { id: string; reference: string; site: string; lang: Language }, items: readonly ExportItem[], workflows: readonly WorkflowRun[], now: Date) {
  const order = (k: DataExportKind) => DATA_EXPORT_KINDS.indexOf(k);
  const sorted = [...items].sort((a, b) => order(a.kind) - order(b.kind) || a.key.PK.localeCompare(b.key.PK) || a.key.SK.localeCompare(b.key.SK));
  const counts: Record<string, number> = {};
  for (const k of DATA_EXPORT_KINDS) counts[k] = sorted.filter((i) => i.kind === k).length;
  return {
    format: DATA_EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    participantId: p.id,
    reference: p.reference,
    site: p.site,
    lang: p.lang,
    counts,
    items: sorted.map((i) => ({ kind: i.kind, key: i.key, expired: i.expired, attributes: i.attributes })),
    workflows: [...workflows],
  };
}
export type DataExport = ReturnType<typeof buildDataExport>;
