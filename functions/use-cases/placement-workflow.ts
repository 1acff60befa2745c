import type { Placement } from '../../schemas/model/placement.js';
import type { WorkflowView } from '../domain/workflow-view.js';

/** The placement's workflow as staff read it (stage 2 adds the TrialPlacement workflow). */
export async function placementWorkflow(_p: Placement): Promise<WorkflowView | null> {
  return null;
}

/** Stops the placement's workflow (stage 2). */
export async function stopPlacementWorkflow(_placementId: string): Promise<void> {}
