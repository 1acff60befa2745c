import { ParticipantTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { escalateToLead } from '../use-cases/follow-up-mails.js';

/** Workflow step: tells the site lead when no first contact is recorded after 5 working days. */
export const handler = taskHandler(ParticipantTaskInput, async ({ participantId }) => escalateToLead(participantId));
