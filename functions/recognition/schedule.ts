import { RecognitionTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { scheduleRecognition } from '../use-cases/recognition-steps.js';

/** Workflow step ScheduleRecognition: the reminders due now, the wait until the next one, or the end. */
export const handler = taskHandler(RecognitionTaskInput, async ({ caseId }) => scheduleRecognition(caseId));
