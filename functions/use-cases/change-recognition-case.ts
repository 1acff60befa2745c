import { randomBytes } from 'node:crypto';
import { isRecognitionDraft, type RecognitionCase, type RecognitionFact } from '../../schemas/model/recognition.js';
import type { ChecklistItem, DocumentKind, RecognitionCostRequest, RecognitionDocumentsInput, RecognitionEventInput } from '../../schemas/recognition.js';
import type { Problem } from '../../schemas/validation-errors.js';
import { appendAudit } from '../data/audit.js';
import { appendCost, appendFact, setChecklistItems, type ChangeOf, type RecognitionChange } from '../data/recognition-changes.js';
import { getRecognition } from '../data/recognition-cases.js';
import { InvalidInput, NotFound, RecognitionFactRefused, StateConflict, VersionConflict } from '../domain/errors.js';
import { setDocumentState } from '../domain/recognition-checklist.js';
import { allowedNextFacts, recordFact } from '../domain/recognition-facts.js';
import { agendaDueAt } from '../domain/recognition-schedule.js';
import { berlinDate } from '../domain/working-days.js';
import type { SitePrincipal } from '../lib/principal.js';
import { wakeRecognition } from './recognition-workflow.js';
import { visibleTo } from '../domain/erasure.js';

/**
 * What staff change on a recognition case, each on the version they saw: a fact of the procedure
 * (the domain decides whether it fits; a refusal names what may come instead), checklist items, a
 * cost. Each is one conditional write that also moves the case on "Heute", an entry in the
 * participant's audit trail, and — when reminders may have moved — a wake-up for the workflow's
 * wait. Dates are Berlin days and never in the future. A draft must be opened first.
 */

const newId = () => randomBytes(16).toString('hex');

async function caseFor(me: SitePrincipal, id: string, version: number): Promise<RecognitionCase> {
  const c = await getRecognition(id);
  if (!visibleTo(me, c)) throw new NotFound();
  if (isRecognitionDraft(c)) throw new StateConflict('recognition_case_draft');
  if (c.version !== version) throw new VersionConflict();
  return c;
}

function refused(result: Exclude<RecognitionChange, { ok: true }>): never {
  if (result.reason === 'not_found') throw new NotFound();
  if (result.reason === 'version') throw new VersionConflict();
  throw new StateConflict('recognition_case_draft');
}

function notInFuture(dates: [(string | number)[], string][], today: string): void {
  const problems: Problem[] = dates.filter(([, d]) => d > today).map(([path]) => ({ path, code: 'date_in_future' }));
  if (problems.length) throw new InvalidInput(problems);
}

const changeOf = (c: RecognitionCase, after: RecognitionCase, at: string, now: Date): ChangeOf => ({
  id: c.id,
  site: c.site,
  version: c.version,
  at,
  agendaDueAt: agendaDueAt(after, now),
});

/** POST …/events: appends a fact the rules allow, audits it, and wakes the workflow (the deadlines may have moved). */
export async function recordFactByStaff(me: SitePrincipal, id: string, input: RecognitionEventInput, now: Date = new Date()) {
  const c = await caseFor(me, id, input.version);
  notInFuture([[['date'], input.date]], berlinDate(now));
  const at = now.toISOString();
  const { version: _version, ...entered } = input;
  const fact = { ...entered, id: newId(), recordedAt: at, recordedBy: me.sub, role: me.role } as RecognitionFact;
  let facts: RecognitionFact[];
  try {
    facts = recordFact(c.facts, fact, c);
  } catch (err) {
    // Every refusal names what may be recorded instead (the out-of-order one already does, at its place).
    if (err instanceof RecognitionFactRefused) throw new RecognitionFactRefused(err.code, err.message, { allowed: allowedNextFacts(c.facts), ...err.params });
    throw err;
  }
  const result = await appendFact(changeOf(c, { ...c, facts }, at, now), fact);
  if (!result.ok) refused(result);
  await appendAudit(c.participantId, {
    at,
    actor: me.sub,
    role: me.role,
    action: 'recognition.fact',
    detail: { caseId: c.id, factId: fact.id, type: fact.type, date: fact.date, supersedes: fact.supersedes ?? null },
  });
  await wakeRecognition(result.case);
  return { id: c.id, version: result.case.version, factId: fact.id };
}

/** PATCH …/documents: sets checklist items (the same state keeps its `since`), audits, wakes the workflow (translation reminders). */
export async function updateDocumentsByStaff(me: SitePrincipal, id: string, input: RecognitionDocumentsInput, now: Date = new Date()) {
  const c = await caseFor(me, id, input.version);
  const today = berlinDate(now);
  notInFuture(input.documents.map((d, i) => [['documents', i, 'date'], d.date ?? today]), today);
  let checklist = c.checklist;
  const changed: Partial<Record<DocumentKind, ChecklistItem>> = {};
  for (const d of input.documents) {
    checklist = setDocumentState(checklist, d.kind, d.state, d.date ?? today);
    if (checklist[d.kind] !== c.checklist[d.kind]) changed[d.kind] = checklist[d.kind];
  }
  if (Object.keys(changed).length === 0) return { id: c.id, version: c.version }; // nothing new: nothing written
  const at = now.toISOString();
  const result = await setChecklistItems(changeOf(c, { ...c, checklist }, at, now), changed);
  if (!result.ok) refused(result);
  const what = Object.entries(changed).map(([kind, item]) => `${kind}:${item.state}`);
  await appendAudit(c.participantId, { at, actor: me.sub, role: me.role, action: 'recognition.documents', detail: { caseId: c.id, documents: what.join(',') } });
  await wakeRecognition(result.case);
  return { id: c.id, version: result.case.version };
}

/** POST …/costs: appends a cost (the grant warning reads them), audits it. No reminder depends on costs. */
export async function addCostByStaff(me: SitePrincipal, id: string, input: RecognitionCostRequest, now: Date = new Date()) {
  const c = await caseFor(me, id, input.version);
  notInFuture([[['date'], input.date]], berlinDate(now));
  const at = now.toISOString();
  const { version: _version, ...cost } = input;
  const stored = { ...cost, id: newId(), recordedAt: at, recordedBy: me.sub };
  const result = await appendCost(changeOf(c, c, at, now), stored);
  if (!result.ok) refused(result);
  await appendAudit(c.participantId, { at, actor: me.sub, role: me.role, action: 'recognition.cost', detail: { caseId: c.id, costId: stored.id, kind: cost.kind } });
  return { id: c.id, version: result.case.version };
}
