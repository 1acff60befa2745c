import type { Access } from './routes.js';

/**
 * Workflows and their task functions. CDK creates one Lambda per task and one Standard state
 * machine per definition, substituting `${<TaskId>FunctionArn}` in the ASL file; the local cloud
 * runs the same ASL files with the same handler modules.
 */

export interface TaskSpec {
  id: string;
  entry: string;
  access: Access[];
}

export interface WorkflowSpec {
  id: string;
  /** ASL file (JSONPath), relative to the repository root. */
  definition: string;
  tasks: string[];
}

export const TASKS: TaskSpec[] = [
  { id: 'RegisterParticipant', entry: 'functions/intake/register-participant.ts', access: ['table:read', 'table:write'] },
  { id: 'SendConfirmation', entry: 'functions/intake/send-confirmation.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'NotifyTeam', entry: 'functions/intake/notify-team.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'ScheduleFollowUp', entry: 'functions/intake/schedule-follow-up.ts', access: ['table:read', 'table:write'] },
  { id: 'SendReminder', entry: 'functions/intake/send-reminder.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'EscalateFollowUp', entry: 'functions/intake/escalate-follow-up.ts', access: ['table:read', 'table:write', 'mail:send'] },
];

export const WORKFLOWS: WorkflowSpec[] = [
  {
    id: 'IntakeRegistration',
    definition: 'infra/workflows/intake-registration.asl.json',
    tasks: ['RegisterParticipant', 'SendConfirmation', 'NotifyTeam', 'ScheduleFollowUp', 'SendReminder', 'EscalateFollowUp'],
  },
];

/** The placeholder an ASL file uses for a task's Lambda ARN. */
export const taskArnPlaceholder = (taskId: string) => `${taskId}FunctionArn`;

/**
 * Storage-first trigger: a new submission item in the table starts the intake workflow.
 * On AWS an EventBridge Pipe reads the table's stream with this filter and input template;
 * the local cloud applies the same filter to its change feed (local/change-feed.ts).
 */
export const INTAKE_TRIGGER = {
  workflow: 'IntakeRegistration',
  // INSERT, or MODIFY when an expired idempotency record was replaced: either way a fresh submission.
  filterPattern: {
    eventName: ['INSERT', 'MODIFY'],
    dynamodb: { Keys: { SK: { S: ['SUBMISSION'] } }, NewImage: { status: { S: ['received'] } } },
  },
  /** Only the id crosses into the workflow: no personal data in execution history. */
  // Pipes substitutes inside quotes for string values.
  inputTemplate: '{"submissionId": "<$.dynamodb.NewImage.id.S>"}',
} as const;
