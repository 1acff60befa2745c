import { ParticipantTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { startFollowUp } from '../use-cases/schedule-follow-up.js';

/** Workflow step: schedules the first-contact follow-up (due times on the participant). */
export const handler = taskHandler(ParticipantTaskInput, async ({ participantId }) => startFollowUp(participantId));
