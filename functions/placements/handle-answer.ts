import { PlacementTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { handlePlacementAnswer } from '../use-cases/placement-follow-up.js';

/** Workflow step HandleAnswer: the mails and the times after the employer confirmed or declined. */
export const handler = taskHandler(PlacementTaskInput, async ({ placementId }) => handlePlacementAnswer(placementId));
