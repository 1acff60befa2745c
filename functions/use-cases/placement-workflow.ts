import type { Placement } from '../../schemas/model/placement.js';
import { describePlacementExecution, startPlacementWorkflow, stopPlacementExecution } from '../data/workflows.js';
import { TryAgain } from '../domain/errors.js';
import { placementWorkflowView } from '../domain/placement-workflow-view.js';
import type { WorkflowView } from '../domain/workflow-view.js';
import { logger } from '../lib/logger.js';

/** The TrialPlacement workflow from the staff routes: start (the request), stop (a cancellation), read (the record). */

/** Starts the placement's workflow (idempotent by name). A failure is TryAgain: the same request (same key) starts it then. */
export async function startPlacement(placementId: string): Promise<void> {
  try {
    await startPlacementWorkflow(placementId);
  } catch (err) {
    logger.error('placement workflow not started', { placementId, error: (err as Error).name });
    throw new TryAgain();
  }
}

/** Stops it; its steps re-read the status, so a stop that fails sends nothing more. */
export async function stopPlacementWorkflow(placementId: string): Promise<void> {
  await stopPlacementExecution(placementId, 'placement cancelled').catch((err: Error) => logger.warn('placement workflow not stopped', { placementId, error: err.name }));
}

/** The placement's workflow in German words; null before it started; a Step Functions hiccup never fails the read. */
export async function placementWorkflow(p: Placement): Promise<WorkflowView | null> {
  try {
    const state = await describePlacementExecution(p.id);
    return state ? placementWorkflowView(state.status, state.events, p) : null;
  } catch (err) {
    logger.warn('placement workflow state unavailable', { placementId: p.id, error: (err as Error).name });
    return placementWorkflowView('UNKNOWN', [], p);
  }
}
