import { isRecognitionDraft, type RecognitionCase, type RecognitionDraft, type RecognitionFact } from '../../schemas/model/recognition.js';
import type { RecognitionCaseState } from '../../schemas/recognition-values.js';
import { extensionIsCapped, grantWarning } from './recognition-case.js';
import { outstandingDocuments } from './recognition-checklist.js';
import { allowedNextFacts, effectiveFacts, recognitionState } from './recognition-facts.js';
import { deadlinesOn, isOverdue, nextDeadline, remindersOf } from './recognition-schedule.js';
import type { WorkflowView } from './workflow-view.js';
import { berlinDate } from './working-days.js';

/**
 * Recognition cases as staff read them (pure): a summary for lists and the participant's record,
 * and the whole case with its state, deadlines (exactly the domain's), reminders and warnings.
 * A draft from the intake has no facts, deadlines or workflow yet.
 */

export function caseState(c: RecognitionCase | RecognitionDraft, now: Date): RecognitionCaseState {
  return isRecognitionDraft(c) ? 'draft' : recognitionState(c.facts, berlinDate(now));
}

export function recognitionSummary(c: RecognitionCase | RecognitionDraft, now: Date) {
  const draft = isRecognitionDraft(c);
  const deadlines = draft ? {} : deadlinesOn(c, now);
  return {
    id: c.id,
    state: caseState(c, now),
    version: c.version,
    participantId: c.participantId,
    participantReference: c.participantReference,
    country: c.qualification.country,
    profession: c.qualification.profession,
    title: draft ? null : c.qualification.title,
    competentBody: draft ? null : c.competentBody,
    competentBodyName: draft ? null : (c.competentBodyName ?? null),
    overdue: isOverdue(deadlines),
    nextDeadline: nextDeadline(deadlines),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
export type RecognitionSummary = ReturnType<typeof recognitionSummary>;

function factView(f: RecognitionFact, all: readonly RecognitionFact[], inForce: ReadonlySet<string>) {
  return { ...f, inForce: inForce.has(f.id), supersededBy: all.find((g) => g.supersedes === f.id)?.id ?? null };
}

const nullable = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** The whole case for GET /api/staff/recognition-cases/{id}. */
export function recognitionDetail(c: RecognitionCase | RecognitionDraft, now: Date, workflow: WorkflowView | null) {
  const base = {
    id: c.id,
    site: c.site,
    version: c.version,
    participantId: c.participantId,
    participantReference: c.participantReference,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
  if (isRecognitionDraft(c)) {
    return {
      case: {
        ...base,
        draft: true,
        qualification: { ...c.qualification, title: null },
        regulated: null,
        fastTrack: null,
        competentBody: null,
        competentBodyName: null,
        euQualification: null,
        extensionCapped: false,
        referenceProfession: null,
        payer: null,
        grantAppliedOn: null,
        note: null,
        createdBy: null,
        openedAt: null,
      },
      state: 'draft' as const,
      overdue: false,
      checklist: c.checklist,
      outstandingDocuments: outstandingDocuments(c.checklist),
      facts: [],
      allowedNext: [],
      deadlines: {},
      reminders: [],
      costs: [],
      grantWarning: null,
      workflow: null,
    };
  }
  const deadlines = deadlinesOn(c, now);
  const inForce = new Set(effectiveFacts(c.facts).map((f) => f.id));
  const sent = c.sentReminders ?? new Set<string>();
  return {
    case: {
      ...base,
      draft: false,
      qualification: c.qualification,
      regulated: c.regulated,
      fastTrack: c.fastTrack,
      competentBody: c.competentBody,
      competentBodyName: nullable(c.competentBodyName),
      euQualification: nullable(c.euQualification),
      extensionCapped: extensionIsCapped(c),
      referenceProfession: nullable(c.referenceProfession),
      payer: nullable(c.payer),
      grantAppliedOn: nullable(c.grantAppliedOn),
      note: nullable(c.note),
      createdBy: c.createdBy,
      openedAt: nullable(c.openedAt),
    },
    state: caseState(c, now),
    overdue: isOverdue(deadlines),
    checklist: c.checklist,
    outstandingDocuments: outstandingDocuments(c.checklist),
    facts: c.facts.map((f) => factView(f, c.facts, inForce)),
    allowedNext: allowedNextFacts(c.facts),
    deadlines,
    reminders: remindersOf(c, now).map((r) => ({ kind: r.kind, due: r.due, remindAt: r.remindAt, document: r.document ?? null, sent: sent.has(r.key) })),
    costs: c.costs.map((k) => ({ ...k, note: nullable(k.note) })),
    grantWarning: grantWarning(c, c.costs),
    workflow,
  };
}

/** "Heute": the site's recognition cases with a deadline due within the agenda's days or overdue, overdue first, then by due day. */
export function recognitionAgendaView(cases: RecognitionCase[], now: Date) {
  return cases
    .map((c) => ({ c, next: nextDeadline(deadlinesOn(c, now)) }))
    .filter((x): x is { c: RecognitionCase; next: NonNullable<typeof x.next> } => x.next !== null)
    .map(({ c, next }) => ({
      deadline: next.deadline,
      case: recognitionSummary(c, now),
      due: next.due,
      overdue: next.status === 'overdue',
      basis: next.basis,
      explanation: next.explanation,
    }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due < b.due ? -1 : a.due > b.due ? 1 : a.case.id < b.case.id ? -1 : 1));
}
