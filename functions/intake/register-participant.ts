import { RegistrationTaskInput } from '../../schemas/workflow-tasks.js';
import { registerParticipant } from '../use-cases/register-participant.js';
import { taskHandler } from '../lib/task-handler.js';

/** Workflow step RegisterParticipant: the submission becomes a participant, once per person. */
export const handler = taskHandler(RegistrationTaskInput, async ({ submissionId, executionArn }) => registerParticipant(submissionId, executionArn));
