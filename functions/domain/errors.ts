import type { Problem } from '../../schemas/validation-errors.js';

/**
 * What a use case may refuse, as classes. A use case never throws an HTTP status: one table in
 * functions/lib/errors.ts maps each class to its status and code. Messages here are fixed
 * texts without personal data; the caller's language comes from the code.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** Unknown, or not the caller's (another site's record answers exactly like an unknown id). */
export class NotFound extends DomainError {
  override name = 'NotFound';
  readonly code = 'not_found';
}

/** The caller's role may not do this (e.g. coordinators and personal data). */
export class NotAllowed extends DomainError {
  override name = 'NotAllowed';
  readonly code = 'forbidden';
}

/** No usable identity (no token, or not the kind of token the authorizer is configured for). */
export class NotSignedIn extends DomainError {
  override name = 'NotSignedIn';
  readonly code = 'unauthorized';
}

/** Someone changed the record since the caller read it (optimistic locking). */
export class VersionConflict extends DomainError {
  override name = 'VersionConflict';
  readonly code = 'version_conflict';
}

/** Not possible in the record's current state; `code` names the rule when there is one. */
export class StateConflict extends DomainError {
  override name = 'StateConflict';
  constructor(readonly code: string = 'status_conflict', readonly params: Record<string, unknown> = {}) {
    super(code);
  }
}

/**
 * A recognition case refuses a fact (409): out of order, a second or too long extension, a
 * correction of an unknown fact. `code` names the rule for the translated message; the English
 * `message` states the rule and what is allowed instead (fixed texts, no personal data).
 */
export class RecognitionFactRefused extends StateConflict {
  override name = 'RecognitionFactRefused';
  constructor(code: string, rule: string, params: Record<string, unknown> = {}) {
    super(code, params);
    this.message = rule;
  }
}

/** Input that passed the contract but breaks a rule of the domain, reported at its fields. */
export class InvalidInput extends DomainError {
  override name = 'InvalidInput';
  readonly code = 'invalid_request';
  constructor(readonly problems: Problem[]) {
    super('invalid input');
  }
}

/** A page cursor that is not one of ours (copied, truncated or forged). */
export class InvalidCursor extends DomainError {
  override name = 'InvalidCursor';
  readonly code = 'invalid_cursor';
}

/** An Idempotency-Key reused with a different body (IETF idempotency-key draft: 422). */
export class IdempotencyKeyReused extends DomainError {
  override name = 'IdempotencyKeyReused';
  readonly code = 'idempotency_key_reused';
}

/** A rare race the client resolves by sending the same request again. */
export class TryAgain extends DomainError {
  override name = 'TryAgain';
  readonly code = 'server_error';
}

/* Workflow step errors: Step Functions' Retry policies match them by name (infra/workflows/*.asl.json). */

/** The submission a step was given is not (or no longer) in the table. */
export class SubmissionNotFound extends Error {
  override name = 'SubmissionNotFound';
}

/** The identity's holder has claimed it but its participant is not written yet: retry later. */
export class RegistrationPending extends Error {
  override name = 'RegistrationPending';
}

/** The placement a step was given is not (or no longer) in the table. */
export class PlacementNotFound extends Error {
  override name = 'PlacementNotFound';
}

/** The employer answered (or gave feedback) before the callback stored its token: go on with the answer. */
export class AlreadyAnswered extends Error {
  override name = 'AlreadyAnswered';
}

/** The placement is closed (cancelled, expired, declined, completed): the wait ends. */
export class PlacementClosed extends Error {
  override name = 'PlacementClosed';
}

/** The recognition case changed after its wait was planned: plan again (the ASL goes back to ScheduleRecognition). */
export class RecognitionCaseChanged extends Error {
  override name = 'RecognitionCaseChanged';
}

/** The recognition case is gone, withdrawn, closed, or decided with nothing left to remind: the workflow ends. */
export class RecognitionCaseClosed extends Error {
  override name = 'RecognitionCaseClosed';
}
