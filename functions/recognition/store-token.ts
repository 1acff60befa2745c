import { RecognitionTokenTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { storeRecognitionWaitToken } from '../use-cases/recognition-steps.js';

/** The function of AwaitChange (waitForTaskToken): keeps the task token on the case, for the version the wait was planned on. */
export const handler = taskHandler(RecognitionTokenTaskInput, async ({ caseId, version, taskToken }) => storeRecognitionWaitToken(caseId, version, taskToken));
