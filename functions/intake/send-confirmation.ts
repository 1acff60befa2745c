import { SubmissionTaskInput } from '../../schemas/workflow-tasks.js';
import { sendConfirmation } from '../use-cases/send-confirmation.js';
import { taskHandler } from '../lib/task-handler.js';

/** Workflow step SendConfirmation: the participant's confirmation in their language, once. */
export const handler = taskHandler(SubmissionTaskInput, async ({ submissionId }) => sendConfirmation(submissionId));
