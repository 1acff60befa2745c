import { PlacementTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { sendPlacementCheckIn } from '../use-cases/placement-follow-up.js';

/** Workflow step SendCheckIn: the half-way mail to the employer, once. */
export const handler = taskHandler(PlacementTaskInput, async ({ placementId }) => sendPlacementCheckIn(placementId));
