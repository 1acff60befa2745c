import { SweepTaskInput } from '../../schemas/workflow-tasks.js';
import { taskHandler } from '../lib/task-handler.js';
import { sweepRetention } from '../use-cases/retention-sweep.js';

/** Workflow step SweepRetention: erases one page of the people whose retention has ended. */
export const handler = taskHandler(SweepTaskInput, async () => sweepRetention());
