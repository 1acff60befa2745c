import * as z from 'zod/mini';
import { lazySchema } from './lazy.js';

/**
 * Inputs of workflow task functions: ids only, never personal data (execution history keeps 90
 * days). Every shape is a `lazySchema`: a task function builds its own input's on its first call
 * and none of the others; no task function parses its own output (the tests do).
 */
export const SubmissionTaskInput = lazySchema(() => z.strictObject({
  submissionId: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
}));

/** RegisterParticipant also learns its execution, so staff can later see the workflow's state. */
export const RegistrationTaskInput = lazySchema(() => z.strictObject({
  submissionId: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
  executionArn: z.optional(z.string().check(z.maxLength(2048), z.regex(/^arn:aws[\w-]*:states:/))),
}));

export const ParticipantTaskInput = lazySchema(() => z.strictObject({
  participantId: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
}));
export type ParticipantTaskInput = z.infer<ReturnType<typeof ParticipantTaskInput>>;

/** What the follow-up steps hand to the next Wait: absolute due times (ISO), or done. */
export const FollowUpState = lazySchema(() =>
  z.strictObject({
    done: z.boolean(),
    /** Whether this step sent its mail now (false when done earlier or no longer needed). */
    sent: z.optional(z.boolean()),
    reminderDueAt: z.optional(z.string()),
    escalationDueAt: z.optional(z.string()),
  }),
);
export type FollowUpState = z.infer<ReturnType<typeof FollowUpState>>;
export type SubmissionTaskInput = z.infer<ReturnType<typeof SubmissionTaskInput>>;

export const RegistrationResult = lazySchema(() =>
  z.strictObject({
    participantId: z.string(),
    duplicate: z.boolean(),
    /** False when another execution already owns the submission: this one ends. */
    owner: z.boolean(),
  }),
);
export type RegistrationResult = z.infer<ReturnType<typeof RegistrationResult>>;

/* The TrialPlacement workflow (infra/workflows/trial-placement.asl.json): ids, flags and due times only. */

const placementId = () => z.string().check(z.regex(/^[0-9a-f]{32}$/));
const purpose = () => z.enum(['answer', 'feedback']);

export const PlacementTaskInput = lazySchema(() => z.strictObject({ placementId: placementId() }));
export type PlacementTaskInput = z.infer<ReturnType<typeof PlacementTaskInput>>;

/** PlacementDue: which wait timed out (the employer's answer or their feedback). */
export const PlacementWaitTaskInput = lazySchema(() => z.strictObject({ placementId: placementId(), purpose: purpose() }));
export type PlacementWaitTaskInput = z.infer<ReturnType<typeof PlacementWaitTaskInput>>;

/** StorePlacementToken (the receiving end of AwaitAnswer / AwaitFeedback): the token goes into the table. */
export const PlacementTokenTaskInput = lazySchema(() => z.strictObject({ placementId: placementId(), purpose: purpose(), taskToken: z.string().check(z.minLength(1), z.maxLength(8192)) }));
export type PlacementTokenTaskInput = z.infer<ReturnType<typeof PlacementTokenTaskInput>>;

/**
 * What the steps before a wait for the employer hand on (`$.wait`): go on with the answer, end,
 * or wait `seconds` (until the next absolute due time, for TimeoutSecondsPath). `done` names what
 * this step did now (for the staff's timeline), nothing when it did nothing.
 */
export const PlacementWaitState = lazySchema(() =>
  z.strictObject({
    next: z.enum(['wait', 'answered', 'end']),
    seconds: z.optional(z.int().check(z.minimum(1), z.maximum(31_536_000))),
    done: z.optional(z.enum(['request', 'first_reminder', 'second_reminder', 'expired', 'team_asked'])),
  }),
);
export type PlacementWaitState = z.infer<ReturnType<typeof PlacementWaitState>>;

/** HandlePlacementAnswer: a confirmation goes on to the check-in and the last day (`$.schedule`). */
export const PlacementSchedule = lazySchema(() =>
  z.strictObject({
    next: z.enum(['confirmed', 'end']),
    decision: z.optional(z.enum(['confirm', 'decline'])),
    checkInAt: z.optional(z.string()),
    feedbackAt: z.optional(z.string()),
  }),
);
export type PlacementSchedule = z.infer<ReturnType<typeof PlacementSchedule>>;

/** SendPlacementCheckIn: whether the placement still runs, and whether the mail went out now. */
export const PlacementStepResult = lazySchema(() => z.strictObject({ next: z.enum(['continue', 'end']), sent: z.boolean() }));
export type PlacementStepResult = z.infer<ReturnType<typeof PlacementStepResult>>;

/* The RecognitionCase workflow (infra/workflows/recognition-case.asl.json): the case id, the version a wait was planned on, due seconds. */

const caseId = () => z.string().check(z.regex(/^[0-9a-f]{32}$/));

export const RecognitionTaskInput = lazySchema(() => z.strictObject({ caseId: caseId() }));
export type RecognitionTaskInput = z.infer<ReturnType<typeof RecognitionTaskInput>>;

/** StoreRecognitionToken (the receiving end of AwaitChange): the token and the case version the wait was planned on. */
export const RecognitionTokenTaskInput = lazySchema(() => z.strictObject({
  caseId: caseId(),
  version: z.int().check(z.minimum(1)),
  taskToken: z.string().check(z.minLength(1), z.maxLength(8192)),
}));
export type RecognitionTokenTaskInput = z.infer<ReturnType<typeof RecognitionTokenTaskInput>>;

/**
 * What ScheduleRecognition and SendRecognitionReminders hand on (`$.wait`): send the reminders
 * that are due, wait `seconds` (until the next reminder, at most 30 days) on `version`, or end.
 * `sent` names the kinds of reminder this step mailed now (for the staff's timeline).
 */
export const RecognitionWaitState = lazySchema(() =>
  z.strictObject({
  next: z.enum(['wait', 'remind', 'end']),
  seconds: z.optional(z.int().check(z.minimum(1), z.maximum(31_536_000))),
  version: z.optional(z.int()),
  sent: z.optional(z.array(z.enum(['receipt_overdue', 'decision_overdue', 'translation_pending', 'adaptation_follow_up']))),
  }),
);
export type RecognitionWaitState = z.infer<ReturnType<typeof RecognitionWaitState>>;

/** SweepRetention (the nightly retention sweep): nothing but what the schedule passes (no ids, no data). */
export const SweepTaskInput = lazySchema(() => z.object({}));
export type SweepTaskInput = z.infer<ReturnType<typeof SweepTaskInput>>;
