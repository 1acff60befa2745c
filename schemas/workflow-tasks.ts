import * as z from 'zod/mini';

/** Inputs of workflow task functions: ids only, never personal data (execution history keeps 90 days). */
export const SubmissionTaskInput = z.strictObject({
  submissionId: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
});
export type SubmissionTaskInput = z.infer<typeof SubmissionTaskInput>;

export const RegistrationResult = z.strictObject({
  participantId: z.string(),
  duplicate: z.boolean(),
});
export type RegistrationResult = z.infer<typeof RegistrationResult>;
