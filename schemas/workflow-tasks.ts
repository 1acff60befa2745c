import * as z from 'zod/mini';

/** Inputs of workflow task functions: ids only, never personal data (execution history keeps 90 days). */
export const SubmissionTaskInput = z.strictObject({
  submissionId: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
});

/** RegisterParticipant also learns its execution, so staff can later see the workflow's state. */
export const RegistrationTaskInput = z.strictObject({
  submissionId: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
  executionArn: z.optional(z.string().check(z.maxLength(2048), z.regex(/^arn:aws[\w-]*:states:/))),
});

export const ParticipantTaskInput = z.strictObject({
  participantId: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
});
export type ParticipantTaskInput = z.infer<typeof ParticipantTaskInput>;

/** What the follow-up steps hand to the next Wait: absolute due times (ISO), or done. */
export const FollowUpState = z.strictObject({
  done: z.boolean(),
  /** Whether this step sent its mail now (false when done earlier or no longer needed). */
  sent: z.optional(z.boolean()),
  reminderDueAt: z.optional(z.string()),
  escalationDueAt: z.optional(z.string()),
});
export type FollowUpState = z.infer<typeof FollowUpState>;
export type SubmissionTaskInput = z.infer<typeof SubmissionTaskInput>;

export const RegistrationResult = z.strictObject({
  participantId: z.string(),
  duplicate: z.boolean(),
  /** False when another execution already owns the submission: this one ends. */
  owner: z.boolean(),
});
export type RegistrationResult = z.infer<typeof RegistrationResult>;
