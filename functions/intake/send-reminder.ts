import { ParticipantTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { remindTeam } from '../use-cases/follow-up-mails.js';

/** Workflow step: reminds the site team when no first contact is recorded after 2 working days. */
export const handler = taskHandler(ParticipantTaskInput, async ({ participantId }) => remindTeam(participantId));
