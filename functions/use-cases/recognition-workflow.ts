import type { RecognitionCase } from '../../schemas/model/recognition.js';
import { describeRecognitionExecution, sendTaskSuccess, startRecognitionWorkflow } from '../data/workflows.js';
import { TryAgain } from '../domain/errors.js';
import { recognitionWorkflowView } from '../domain/recognition-workflow-view.js';
import type { WorkflowView } from '../domain/workflow-view.js';
import { logger } from '../lib/logger.js';

/** The RecognitionCase workflow from the staff routes: start (a case is opened), wake (the case changed), read (the case). */

/** Starts the case's workflow (idempotent by name). A failure is TryAgain: the same request starts it then. */
export async function startRecognition(caseId: string): Promise<void> {
  try {
    await startRecognitionWorkflow(caseId);
  } catch (err) {
    logger.error('recognition workflow not started', { caseId, error: (err as Error).name });
    throw new TryAgain();
  }
}

/**
 * Tells a waiting execution that the case changed, with the token its wait stored: it re-reads
 * the case and waits anew. A token that no longer waits (the step after it is running, a restart)
 * is harmless: that step re-reads the case anyway, and a wait whose token was stored for an older
 * version never starts (its step refuses and re-reads).
 */
export async function wakeRecognition(c: RecognitionCase): Promise<void> {
  if (!c.taskToken) return;
  await sendTaskSuccess(c.taskToken, { changed: true }).catch((err: Error) => logger.info('recognition workflow not woken', { caseId: c.id, error: err.name }));
}

/** The case's workflow in German words; null before it started; a Step Functions hiccup never fails the read. */
export async function recognitionWorkflow(c: RecognitionCase, now: Date): Promise<WorkflowView | null> {
  try {
    const state = await describeRecognitionExecution(c.id);
    return state ? recognitionWorkflowView(state.status, state.events, c, now) : null;
  } catch (err) {
    logger.warn('recognition workflow state unavailable', { caseId: c.id, error: (err as Error).name });
    return recognitionWorkflowView('UNKNOWN', [], c, now);
  }
}
