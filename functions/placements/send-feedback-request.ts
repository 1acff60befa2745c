import { PlacementTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { sendFeedbackRequest } from '../use-cases/placement-waits.js';

/** Workflow step SendFeedbackRequest (the last day): the feedback's due times once, the employer's feedback link once. */
export const handler = taskHandler(PlacementTaskInput, async ({ placementId }) => sendFeedbackRequest(placementId));
