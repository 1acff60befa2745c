import { PlacementTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { sendPlacementRequest } from '../use-cases/placement-waits.js';

/** Workflow step SendRequest: the answer's due times once, the employer's request (with a fresh link) once. */
export const handler = taskHandler(PlacementTaskInput, async ({ placementId }) => sendPlacementRequest(placementId));
