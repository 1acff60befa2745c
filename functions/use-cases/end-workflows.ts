import type { Participant } from '../../schemas/model/participant.js';
import { isRecognitionDraft } from '../../schemas/model/recognition.js';
import { placementsOfParticipant } from '../data/placements.js';
import { recognitionOfParticipant } from '../data/recognition-cases.js';
import { stopExecution, stopPlacementExecution, stopRecognitionExecution } from '../data/workflows.js';
import { caseState } from '../domain/recognition-views.js';
import { logger } from '../lib/logger.js';

/**
 * Ends the intake follow-up, the open trial placements' and the running recognition cases'
 * executions (at the exit, a restriction, an erasure). Each step re-reads its entity anyway; a stop
 * that fails is logged (name only) and never fails what is recorded.
 */
export async function endWorkflows(p: Participant, now: Date, cause: string): Promise<void> {
  const stops: Promise<void>[] = [];
  if (p.workflows?.intake) stops.push(stopExecution(p.workflows.intake, cause));
  const [placements, cases] = await Promise.all([placementsOfParticipant(p.id), recognitionOfParticipant(p.id)]);
  for (const pl of placements) if (pl.status === 'requested' || pl.status === 'confirmed') stops.push(stopPlacementExecution(pl.id, cause));
  for (const c of cases) {
    if (isRecognitionDraft(c)) continue;
    const state = caseState(c, now);
    if (state !== 'closed' && state !== 'withdrawn') stops.push(stopRecognitionExecution(c.id, cause));
  }
  const results = await Promise.allSettled(stops);
  for (const r of results) if (r.status === 'rejected') logger.warn('workflow not stopped', { participantId: p.id, error: (r.reason as Error).name });
}
