import * as z from 'zod/mini';
import { lazySchema } from '../lazy.js';
import { COMPETENT_BODIES, RECOGNITION_CASE_STATES } from '../recognition-values.js';

/**
 * The summary of a recognition case, as lists, the participant's record and "Heute" show it (a
 * module of its own so that the participant and console contracts can use it without a cycle).
 */

const nullableText = () => z.nullable(z.string());

const NextDeadlineBody = () =>
  z.strictObject({
    deadline: z.enum(['receipt', 'decision']),
    due: z.string(),
    status: z.enum(['open', 'overdue']),
    basis: z.string(),
    explanation: z.string(),
  });

export const RecognitionSummaryBody = lazySchema(() => z.strictObject({
  id: z.string(),
  /** `draft` until a counsellor opens the intake's draft; else the state of its facts today. */
  state: z.enum(RECOGNITION_CASE_STATES),
  version: z.int(),
  participantId: z.string(),
  participantReference: z.string(),
  country: z.string(),
  profession: z.string(),
  title: nullableText(),
  competentBody: z.nullable(z.enum(COMPETENT_BODIES)),
  competentBodyName: nullableText(),
  /** A receipt or decision deadline passed unmet. */
  overdue: z.boolean(),
  /** The earliest unmet deadline with a known day. */
  nextDeadline: z.nullable(NextDeadlineBody()),
  createdAt: z.string(),
  updatedAt: z.string(),
}));

/** "Heute": a case whose receipt or decision deadline is due within 7 days, or overdue. */
export const TodayRecognitionBody = lazySchema(() => z.strictObject({
  deadline: z.enum(['receipt', 'decision']),
  case: RecognitionSummaryBody(),
  /** The due day (Berlin); the deadline passes at its end. */
  due: z.string(),
  overdue: z.boolean(),
  basis: z.string(),
  explanation: z.string(),
}));
