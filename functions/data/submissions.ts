import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { retentionSeconds } from '../../schemas/retention.js';
import { SubmissionSchema, type Submission } from '../../schemas/model/submission.js';
import { dynamo } from '../clients/dynamo.js';
import { ITEM_TYPE, key, RECORDS_DUE, recordDueKeys } from './keys.js';
import { epochSeconds, ifCondition, isExpired, isoOf, parseItem, tableName } from './table.js';

/** Submissions: accepted intakes, the idempotency records of POST /api/intake (keys.ts). */

/** How long an accepted submission stays as an idempotency record after it was received. */
// Longer than the intake workflow may run (30 days), so a resumed execution still finds it.
const SUBMISSION_RETENTION_SECONDS = retentionSeconds('submission_unprocessed');

export type PutSubmissionResult = { created: true; submission: Submission } | { created: false; existing: Submission | undefined };

/**
 * Accepts an intake: one conditional write. An existing (unexpired) item with the same id is
 * returned instead (undefined in the rare case it expired between the write and the read).
 */
export async function putSubmission(s: Omit<Submission, 'expiresAt' | 'status'>): Promise<PutSubmissionResult> {
  const submission: Submission = { ...s, status: 'received', expiresAt: epochSeconds(s.receivedAt) + SUBMISSION_RETENTION_SECONDS };
  const written = await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key.submission(s.id), type: ITEM_TYPE.submission, ...submission },
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
      }),
    ),
  );
  if (written) return { created: true, submission };
  return { created: false, existing: await getSubmission(s.id) };
}

export async function getSubmission(id: string): Promise<Submission | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: tableName(), Key: key.submission(id), ConsistentRead: true }));
  if (!out.Item || isExpired(out.Item)) return undefined;
  return parseItem(SubmissionSchema, out.Item);
}

/**
 * Makes an execution the owner of a submission. True for the first execution and for the same
 * execution again (a retry or a resume); false for any other (a stream record delivered twice).
 */
export async function claimSubmission(s: Pick<Submission, 'id' | 'expiresAt'>, executionArn: string): Promise<boolean> {
  // The claim also puts the submission into the retention due index (keys.ts), when its TTL
  // says: the intake request itself writes one item without index keys, to stay fast.
  const due = recordDueKeys(isoOf(s.expiresAt), 'submission_unprocessed', s.id);
  const owned = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.submission(s.id),
        UpdateExpression: 'SET ownerExecution = :arn, #dpk = :dpk, #dsk = :dsk',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(ownerExecution) OR ownerExecution = :arn)',
        ExpressionAttributeNames: { '#dpk': RECORDS_DUE.index.partitionKey, '#dsk': RECORDS_DUE.index.sortKey },
        ExpressionAttributeValues: { ':arn': executionArn, ':dpk': due[RECORDS_DUE.index.partitionKey], ':dsk': due[RECORDS_DUE.index.sortKey] },
      }),
    ),
  );
  return owned !== undefined;
}

export async function markSubmissionRegistered(id: string, r: { participantId: string; participantSite: string; duplicate: boolean }): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key.submission(id),
      UpdateExpression: 'SET #status = :registered, participantId = :pid, participantSite = :psite, duplicate = :dup',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':registered': 'registered', ':pid': r.participantId, ':psite': r.participantSite, ':dup': r.duplicate },
    }),
  );
}

/**
 * Records that the confirmation went out and drops the submission's personal data: the
 * participant holds it now, and the submission stays only as an idempotency record.
 */
export async function markConfirmationSent(id: string, at: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key.submission(id),
      UpdateExpression: 'SET confirmationSentAt = :at REMOVE entry',
      ConditionExpression: 'attribute_exists(PK) AND #status = :registered',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':at': at, ':registered': 'registered' },
    }),
  );
}

export async function markTeamNotified(id: string, at: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key.submission(id),
      UpdateExpression: 'SET teamNotifiedAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}
