import { PlacementTokenTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { storePlacementToken } from '../use-cases/placement-waits.js';

/** The function of AwaitAnswer / AwaitFeedback (waitForTaskToken): keeps the task token on the placement. */
export const handler = taskHandler(PlacementTokenTaskInput, async ({ placementId, purpose, taskToken }) => storePlacementToken(placementId, purpose, taskToken));
