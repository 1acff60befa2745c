import { SubmissionTaskInput } from '../../schemas/workflow-tasks.js';
import { notifyTeam } from '../use-cases/notify-team.js';
import { taskHandler } from '../lib/task-handler.js';

/** Workflow step NotifyTeam: the site team's notice (reference and console link only), once. */
export const handler = taskHandler(SubmissionTaskInput, async ({ submissionId }) => notifyTeam(submissionId));
