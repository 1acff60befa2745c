import { isRecognitionDraft, type RecognitionCase } from '../../schemas/model/recognition.js';
import type { RecognitionCaseInput, RecognitionCaseOpenInput } from '../../schemas/recognition.js';
import { appendAudit, appendAuditOnce } from '../data/audit.js';
import { getParticipant } from '../data/participants.js';
import { openDraft } from '../data/recognition-changes.js';
import { getRecognition, putRecognition } from '../data/recognition-cases.js';
import { IdempotencyKeyReused, NotFound, StateConflict, TryAgain, VersionConflict } from '../domain/errors.js';
import { contentHash } from '../domain/intake.js';
import { recognitionCaseIdFor } from '../domain/recognition-case.js';
import { newChecklist } from '../domain/recognition-checklist.js';
import { agendaDueAt } from '../domain/recognition-schedule.js';
import { berlinDate } from '../domain/working-days.js';
import type { SitePrincipal } from '../lib/principal.js';
import { startRecognition } from './recognition-workflow.js';
import { visibleTo } from '../domain/erasure.js';

/**
 * A counsellor opens a recognition case: for a participant of the caller's site (else NotFound)
 * who has not withdrawn. One conditional Put (idempotent on the Idempotency-Key), an audit entry
 * with a fixed key, then the RecognitionCase workflow with the case id only (execution name = id).
 * Or the counsellor opens the draft an intake left: the same case fields, on the draft's version.
 */

async function participantOf(me: SitePrincipal, participantId: string) {
  const participant = await getParticipant(participantId);
  if (!visibleTo(me, participant)) throw new NotFound();
  if (participant.status === 'withdrawn') throw new StateConflict('recognition_participant_withdrawn');
  return participant;
}

export async function createRecognitionCase(me: SitePrincipal, input: RecognitionCaseInput, idempotencyKey: string | undefined, now: Date = new Date()) {
  const participant = await participantOf(me, input.participantId);
  const at = now.toISOString();
  const hash = contentHash(input);
  const draft: RecognitionCase = {
    ...input,
    qualification: { ...input.qualification },
    id: recognitionCaseIdFor(me.site, idempotencyKey),
    site: me.site,
    participantReference: participant.reference,
    checklist: newChecklist(berlinDate(now)),
    costs: [],
    facts: [],
    contentHash: hash,
    createdAt: at,
    createdBy: me.sub,
    updatedAt: at,
    version: 1,
  };
  const result = await putRecognition(draft, agendaDueAt(draft, now));
  let c: RecognitionCase;
  if (result.created) c = draft;
  else {
    // A random id collided, or the first write with this key is gone: practically never; safe to retry.
    if (!idempotencyKey || !result.existing || isRecognitionDraft(result.existing)) throw new TryAgain();
    if (result.existing.contentHash !== hash) throw new IdempotencyKeyReused();
    c = result.existing;
  }
  await appendAuditOnce(
    c.participantId,
    { at: c.createdAt, actor: c.createdBy, role: me.role, action: 'recognition.created', detail: { caseId: c.id } },
    `recognition.created:${c.id}`,
  );
  // A replay starts it too, in case the first attempt's start failed; a running one is not started twice.
  await startRecognition(c.id);
  return { id: c.id, version: c.version };
}

export async function openRecognitionDraft(me: SitePrincipal, id: string, input: RecognitionCaseOpenInput, now: Date = new Date()) {
  const found = await getRecognition(id);
  if (!visibleTo(me, found)) throw new NotFound();
  if (found.version !== input.version) throw new VersionConflict();
  if (!isRecognitionDraft(found)) throw new StateConflict();
  const participant = await participantOf(me, found.participantId);
  const at = now.toISOString();
  const { version, ...fields } = input;
  const c: RecognitionCase = {
    ...fields,
    qualification: { ...fields.qualification },
    id: found.id,
    site: found.site,
    participantId: found.participantId,
    participantReference: participant.reference,
    checklist: found.checklist,
    costs: [],
    facts: [],
    submissionId: found.submissionId,
    createdAt: found.createdAt,
    createdBy: me.sub,
    openedAt: at,
    openedBy: me.sub,
    updatedAt: at,
    version: version + 1,
  };
  const result = await openDraft(c, version, agendaDueAt(c, now));
  if (!result.ok) {
    if (result.reason === 'not_found') throw new NotFound();
    throw result.reason === 'version' ? new VersionConflict() : new StateConflict();
  }
  await appendAudit(c.participantId, { at, actor: me.sub, role: me.role, action: 'recognition.opened', detail: { caseId: c.id } });
  await startRecognition(c.id);
  return { id: c.id, version: c.version };
}
