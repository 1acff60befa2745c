import { RecognitionTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { sendRecognitionReminders } from '../use-cases/recognition-steps.js';

/** Workflow step SendReminders: each reminder that is due, once, to the site team; then the next wait. */
export const handler = taskHandler(RecognitionTaskInput, async ({ caseId }) => sendRecognitionReminders(caseId));
