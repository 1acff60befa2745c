import { PlacementTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { recordOutcome } from '../use-cases/placement-follow-up.js';

/** Workflow step RecordOutcome: the hiring decision on the participant and in their audit trail, once. */
export const handler = taskHandler(PlacementTaskInput, async ({ placementId }) => recordOutcome(placementId));
