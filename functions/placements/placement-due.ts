import { PlacementWaitTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { placementDue } from '../use-cases/placement-waits.js';

/** Workflow steps AnswerDue / FeedbackDue: what is due when a wait for the employer times out. */
export const handler = taskHandler(PlacementWaitTaskInput, async ({ placementId, purpose }) => placementDue(placementId, purpose));
