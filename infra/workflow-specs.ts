import { NEW_SUBMISSION_STREAM_FILTER } from '../functions/data/keys.js';
import type { Access } from './routes.js';

/**
 * The one workflow registry. Each state machine is one entry: its ASL file, its task functions,
 * what starts it, and which routes (or tasks) may start, read, stop or call back on it. CDK
 * (constructs/workflows.ts, constructs/lambda-function.ts: grants per state machine, least
 * privilege), the local runner (local/stepfunctions/), the local stream pipe and the bench read
 * it; nothing is special-cased by name.
 */

export interface TaskSpec {
  id: string;
  entry: string;
  access: Access[];
}

/** A table-stream trigger: an EventBridge Pipe on AWS, the change feed locally. */
export interface TableStreamTrigger {
  kind: 'table-stream';
  /** EventBridge filter pattern on the stream record. */
  filterPattern: object;
  /** Pipes input template: only ids cross into the workflow (execution history keeps 90 days). */
  inputTemplate: string;
  /**
   * Locally, the execution name is `<prefix><value of this input field>`: one execution per
   * item, so a record delivered twice starts nothing new (on AWS the first step checks ownership).
   */
  executionName: { prefix: string; inputField: string };
}

/**
 * A schedule: EventBridge Scheduler on AWS (a cron in the time zone), a timer on the movable clock
 * locally (local/scheduler.ts). Once a day at `at` (HH:MM).
 */
export interface DailyScheduleTrigger {
  kind: 'daily';
  at: `${number}:${number}`;
  timezone: 'Europe/Berlin';
  /** The (empty) input of each execution: nothing about anyone crosses into the workflow. */
  input: Record<string, never>;
}

/** The Scheduler's expression of a daily trigger: `cron(M H * * ? *)`. */
export function cronOf(t: DailyScheduleTrigger): string {
  const [h, m] = t.at.split(':').map(Number);
  return `cron(${m} ${h} * * ? *)`;
}

export type WorkflowAction = 'start' | 'read' | 'stop' | 'callback';

export interface WorkflowSpec {
  id: string;
  /** ASL file (JSONPath), relative to the repository root. */
  definition: string;
  /** Task ids (TASKS) the definition uses as `${<TaskId>FunctionArn}`. */
  tasks: string[];
  trigger?: TableStreamTrigger | DailyScheduleTrigger;
  /** Route or task ids allowed each action on this state machine's executions. */
  callers?: Partial<Record<WorkflowAction, string[]>>;
}

export const TASKS: TaskSpec[] = [
  { id: 'RegisterParticipant', entry: 'functions/intake/register-participant.ts', access: ['table:read', 'table:write'] },
  { id: 'SendConfirmation', entry: 'functions/intake/send-confirmation.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'NotifyTeam', entry: 'functions/intake/notify-team.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'ScheduleFollowUp', entry: 'functions/intake/schedule-follow-up.ts', access: ['table:read', 'table:write'] },
  { id: 'SendReminder', entry: 'functions/intake/send-reminder.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'EscalateFollowUp', entry: 'functions/intake/escalate-follow-up.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'SendPlacementRequest', entry: 'functions/placements/send-request.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'StorePlacementToken', entry: 'functions/placements/store-token.ts', access: ['table:read', 'table:write'] },
  { id: 'PlacementDue', entry: 'functions/placements/placement-due.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'HandlePlacementAnswer', entry: 'functions/placements/handle-answer.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'SendPlacementCheckIn', entry: 'functions/placements/send-check-in.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'SendPlacementFeedbackRequest', entry: 'functions/placements/send-feedback-request.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'RecordPlacementOutcome', entry: 'functions/placements/record-outcome.ts', access: ['table:read', 'table:write'] },
  { id: 'ScheduleRecognition', entry: 'functions/recognition/schedule.ts', access: ['table:read'] },
  { id: 'StoreRecognitionToken', entry: 'functions/recognition/store-token.ts', access: ['table:read', 'table:write'] },
  { id: 'SendRecognitionReminders', entry: 'functions/recognition/send-reminders.ts', access: ['table:read', 'table:write', 'mail:send'] },
  { id: 'SweepRetention', entry: 'functions/retention/sweep.ts', access: ['table:read', 'table:write'] },
];

export const WORKFLOWS: WorkflowSpec[] = [
  {
    id: 'IntakeRegistration',
    definition: 'infra/workflows/intake-registration.asl.json',
    tasks: ['RegisterParticipant', 'SendConfirmation', 'NotifyTeam', 'ScheduleFollowUp', 'SendReminder', 'EscalateFollowUp'],
    // Storage first: a new submission item in the table starts the workflow.
    trigger: {
      kind: 'table-stream',
      filterPattern: NEW_SUBMISSION_STREAM_FILTER,
      // Pipes substitutes inside quotes for string values.
      inputTemplate: '{"submissionId": "<$.dynamodb.NewImage.id.S>"}',
      executionName: { prefix: 'intake-', inputField: 'submissionId' },
    },
    callers: {
      read: ['GetParticipant', 'GetParticipantDataExport', 'GetParticipantDataExportDocument'],
      stop: ['RecordFirstContact', 'WithdrawParticipant', 'ExitParticipant', 'RequestErasure', 'SweepRetention'],
    },
  },
  {
    id: 'TrialPlacement',
    definition: 'infra/workflows/trial-placement.asl.json',
    tasks: [
      'SendPlacementRequest',
      'StorePlacementToken',
      'PlacementDue',
      'HandlePlacementAnswer',
      'SendPlacementCheckIn',
      'SendPlacementFeedbackRequest',
      'RecordPlacementOutcome',
    ],
    // Started by the request itself (execution name = placement id, input the id only); no stream trigger.
    callers: {
      start: ['CreatePlacement'],
      read: ['GetPlacement', 'GetParticipantDataExport', 'GetParticipantDataExportDocument'],
      stop: ['CancelPlacement', 'ExitParticipant', 'RequestErasure', 'SweepRetention'],
      callback: ['PostEmployerPage', 'PostPlacementOutcome'],
    },
  },
  {
    id: 'RecognitionCase',
    definition: 'infra/workflows/recognition-case.asl.json',
    tasks: ['ScheduleRecognition', 'StoreRecognitionToken', 'SendRecognitionReminders'],
    // Started when a case is opened (execution name = case id, input the id only); staff changes wake its wait.
    callers: {
      start: ['CreateRecognitionCase', 'OpenRecognitionCase'],
      read: ['GetRecognitionCase', 'GetParticipantDataExport', 'GetParticipantDataExportDocument'],
      stop: ['ExitParticipant', 'RequestErasure', 'SweepRetention'],
      callback: ['PostRecognitionEvent', 'UpdateRecognitionDocuments'],
    },
  },
  {
    id: 'RetentionSweep',
    definition: 'infra/workflows/retention-sweep.asl.json',
    tasks: ['SweepRetention'],
    // Once a night: erase what is due by the retention rules (schemas/retention.ts); DynamoDB's TTL is the backstop.
    trigger: { kind: 'daily', at: '02:30', timezone: 'Europe/Berlin', input: {} },
  },
];

/** The placeholder an ASL file uses for a task's Lambda ARN. */
export const taskArnPlaceholder = (taskId: string) => `${taskId}FunctionArn`;

/** The state machines a route or task may act on, and how. */
export function workflowGrantsOf(callerId: string, workflows: readonly WorkflowSpec[] = WORKFLOWS): { workflow: string; actions: WorkflowAction[] }[] {
  return workflows
    .map((wf) => ({
      workflow: wf.id,
      actions: (Object.entries(wf.callers ?? {}) as [WorkflowAction, string[]][]).filter(([, ids]) => ids.includes(callerId)).map(([a]) => a),
    }))
    .filter((g) => g.actions.length > 0);
}

/** The environment variable a function reads a state machine's ARN from. */
export const stateMachineArnVariable = (workflowId: string) => `${workflowId.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}_STATE_MACHINE_ARN`;
