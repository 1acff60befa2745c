import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SendTaskSuccessCommand, SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as handleAnswer } from '../../functions/placements/handle-answer.js';
import { handler as placementDue } from '../../functions/placements/placement-due.js';
import { handler as recordOutcome } from '../../functions/placements/record-outcome.js';
import { handler as sendCheckIn } from '../../functions/placements/send-check-in.js';
import { handler as sendRequest } from '../../functions/placements/send-request.js';
import { handler as storeToken } from '../../functions/placements/store-token.js';
import { linkHash } from '../../functions/domain/employer-links.js';
import { actOnLink } from '../../functions/use-cases/employer-link.js';
import { PlacementSchedule, PlacementStepResult, PlacementWaitState } from '../../schemas/workflow-tasks.js';
import { lambdaContext, storedParticipant, storedPlacement } from '../fixtures.js';

/** The TrialPlacement workflow's steps with a mocked SDK: ids in, ids and due times out, each mail once. */
const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const sfn = mockClient(SFNClient);
const ID = 'aaaabbbbccccddddeeeeffff00001111';
const PID = '0123456789abcdef0123456789abcdef';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'condition', $metadata: {} });
const DUE = { from: '2027-03-01T09:00:00.000Z', firstReminderAt: '2027-03-04T23:00:00.000Z', secondReminderAt: '2027-03-09T23:00:00.000Z', closesAt: '2027-03-15T23:00:00.000Z' };

const placement = (extra: Record<string, unknown> = {}) => ({ PK: `PLACEMENT#${ID}`, SK: 'PLACEMENT', type: 'Placement', ...storedPlacement(extra) });
const onGet = (items: Record<string, Record<string, unknown> | undefined>) =>
  ddb.on(GetCommand).callsFake((input: { Key: { PK: string } }) => ({ Item: items[input.Key.PK.split('#')[0]!] }));
const updates = () => ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
const mails = () => ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
const run = <T>(h: (e: unknown, c: typeof lambdaContext) => Promise<T>, input: unknown) => h(input, lambdaContext);

beforeEach(() => {
  ddb.reset();
  ses.reset();
  sfn.reset();
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({ Attributes: {} });
  ses.on(SendEmailCommand).resolves({ MessageId: 'm' });
});

describe('SendRequest', () => {
  it('stores the due times once, mints a link (its hash only), mails the employer once and hands on the seconds to wait', async () => {
    onGet({ PLACEMENT: placement() });
    ddb.on(UpdateCommand).callsFake((input: any) => (input.UpdateExpression.includes('if_not_exists(#due') ? { Attributes: { answerDue: DUE } } : {}));
    const out = PlacementWaitState().parse(await run(sendRequest, { placementId: ID }));
    expect(out).toMatchObject({ next: 'wait', done: 'request' });
    expect(out.seconds).toBeGreaterThanOrEqual(1);
    const link = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(link).toMatchObject({ type: 'EmployerLink', placementId: ID, purpose: 'answer', validUntil: DUE.closesAt });
    const text = mails()[0]!.Content?.Simple?.Body?.Text?.Data ?? '';
    const linkId = /\/p\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;
    expect(link['PK']).toBe(`EMPLOYER_LINK#${linkHash(linkId)}`);
    expect(mails()[0]).toMatchObject({ Destination: { ToAddresses: ['korn@baeckerei.example.org'] }, ReplyToAddresses: ['buero-marxloh@biwaq.example'] });
    expect(mails()[0]!.Content?.Simple?.Body?.Html?.Data).toContain(`/p/${linkId}`);
    expect(updates().map((u) => u.UpdateExpression)).toEqual([expect.stringContaining('if_not_exists'), 'ADD linkHashes :h SET linkPurpose = :purpose', 'SET #f = :at']);
  });

  it('sends nothing again once recorded, goes on with an answer, ends for a cancelled placement', async () => {
    onGet({ PLACEMENT: placement({ requestSentAt: 'x', answerDue: DUE }) });
    ddb.on(UpdateCommand).resolves({ Attributes: { answerDue: DUE } });
    expect(await run(sendRequest, { placementId: ID })).toMatchObject({ next: 'wait' });
    onGet({ PLACEMENT: placement({ status: 'confirmed', answer: { decision: 'confirm', at: 'x' } }) });
    expect(await run(sendRequest, { placementId: ID })).toEqual({ next: 'answered' });
    onGet({ PLACEMENT: placement({ status: 'cancelled' }) });
    expect(await run(sendRequest, { placementId: ID })).toEqual({ next: 'end' });
    expect(mails()).toHaveLength(0);
  });

  it('refuses input that is not a placement id (no personal data in task inputs)', async () => {
    await expect(run(sendRequest, { placementId: ID, email: 'x@y.de' })).rejects.toMatchObject({ name: 'InvalidTaskInput' });
  });
});

describe('StorePlacementToken (the callback\'s function)', () => {
  it('keeps the token while the employer may answer', async () => {
    expect(await run(storeToken, { placementId: ID, purpose: 'answer', taskToken: 'tok' })).toEqual({ stored: true });
    expect(updates()[0]).toMatchObject({ ConditionExpression: expect.stringContaining('attribute_not_exists(answer)'), ExpressionAttributeValues: expect.objectContaining({ ':t': 'tok' }) });
  });

  it('throws AlreadyAnswered when the answer came first, PlacementClosed when closed (names only, for the ASL)', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    onGet({ PLACEMENT: placement({ status: 'declined', answer: { decision: 'decline', at: 'x' } }) });
    await expect(run(storeToken, { placementId: ID, purpose: 'answer', taskToken: 'tok' })).rejects.toMatchObject({ name: 'AlreadyAnswered' });
    onGet({ PLACEMENT: placement({ status: 'cancelled' }) });
    const err = await run(storeToken, { placementId: ID, purpose: 'answer', taskToken: 'tok' }).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'PlacementClosed' });
    expect((err as Error).message).not.toContain('tok');
  });
});

describe('PlacementDue', () => {
  it('sends the first reminder with a fresh link once it is due, and waits for the second', async () => {
    onGet({ PLACEMENT: placement({ requestSentAt: 'x', answerDue: DUE, linkPurpose: 'answer' }) });
    // Placement due steps read the clock: run at 5 March 2027, 08:00.
    const { placementDue: due } = await import('../../functions/use-cases/placement-waits.js');
    const out = await due(ID, 'answer', new Date('2027-03-05T07:00:00Z'));
    expect(out).toEqual({ next: 'wait', seconds: (Date.parse(DUE.secondReminderAt) - Date.parse('2027-03-05T07:00:00Z')) / 1000, done: 'first_reminder' });
    expect(mails()[0]!.Content?.Simple?.Subject?.Data).toMatch(/^Erinnerung/);
    expect(updates().at(-1)).toMatchObject({ UpdateExpression: 'SET #due.#w = :at', ExpressionAttributeNames: { '#due': 'answerDue', '#w': 'firstReminderSentAt' } });
  });

  it('expires the request at the end and tells the counsellor with the reference and a link only', async () => {
    onGet({ PLACEMENT: placement({ requestSentAt: 'x', answerDue: { ...DUE, firstReminderSentAt: 'a', secondReminderSentAt: 'b' } }) });
    const { placementDue: due } = await import('../../functions/use-cases/placement-waits.js');
    expect(await due(ID, 'answer', new Date('2027-03-16T00:00:00Z'))).toEqual({ next: 'end', done: 'expired' });
    expect(updates()[0]).toMatchObject({ UpdateExpression: expect.stringContaining('#status = :expired'), ConditionExpression: expect.stringContaining('attribute_not_exists(answer)') });
    const mail = mails()[0]!;
    expect(mail.Destination?.ToAddresses).toEqual(['team-marxloh@biwaq.example']);
    expect(`${mail.Content?.Simple?.Subject?.Data} ${mail.Content?.Simple?.Body?.Text?.Data}`).toMatch(/AB12-CD34[\s\S]*\/console\/placements\/aaaabbbb/);
    expect(mail.Content?.Simple?.Body?.Text?.Data).not.toMatch(/Korn|Jana|Verkaufshilfe/);
  });

  it('goes on with an answer that arrived while it waited', async () => {
    onGet({ PLACEMENT: placement({ status: 'confirmed', answer: { decision: 'confirm', at: 'x' }, answerDue: DUE }) });
    expect(await run(placementDue, { placementId: ID, purpose: 'answer' })).toEqual({ next: 'answered' });
  });
});

describe('HandleAnswer, SendCheckIn, RecordOutcome', () => {
  it('confirmed: stores the times (and the agenda\'s feedback entry), tells the team and the participant in their language, once', async () => {
    const confirmed = placement({ status: 'confirmed', answer: { decision: 'confirm', at: 'x' } });
    onGet({ PLACEMENT: confirmed, PARTICIPANT: { PK: `PARTICIPANT#${PID}`, SK: 'PROFILE', ...storedParticipant({ id: PID, lang: 'uk' }) } });
    ddb.on(UpdateCommand).callsFake((input: any) =>
      input.UpdateExpression.startsWith('SET checkInAt') ? { Attributes: { ...confirmed, checkInAt: input.ExpressionAttributeValues[':c'], feedbackAt: input.ExpressionAttributeValues[':f'] } } : {},
    );
    const out = PlacementSchedule().parse(await run(handleAnswer, { placementId: ID }));
    expect(out).toEqual({ next: 'confirmed', decision: 'confirm', checkInAt: '2027-03-08T08:00:00.000Z', feedbackAt: '2027-03-12T08:00:00.000Z' });
    expect(updates()[0]).toMatchObject({ ExpressionAttributeValues: expect.objectContaining({ ':apk': 'SITE#marxloh#AGENDA', ':ask': `2027-03-12T08:00:00.000Z#placement.feedback#${ID}` }) });
    expect(mails().map((m) => m.Destination?.ToAddresses?.[0])).toEqual(['team-marxloh@biwaq.example', 'jana.beispielfrau@example.org']);
    expect(mails()[1]!.Content?.Simple?.Subject?.Data).toBe('BIWAQ: ваше пробне стажування в Bäckerei Korn GmbH підтверджено');

    ses.reset();
    onGet({ PLACEMENT: { ...confirmed, teamToldAt: 'y', participantToldAt: 'y' } });
    await run(handleAnswer, { placementId: ID });
    expect(mails()).toHaveLength(0);
  });

  it('declined: tells the team and ends', async () => {
    onGet({ PLACEMENT: placement({ status: 'declined', answer: { decision: 'decline', reason: 'voll', at: 'x' } }) });
    expect(await run(handleAnswer, { placementId: ID })).toEqual({ next: 'end', decision: 'decline' });
    expect(mails().map((m) => m.Content?.Simple?.Subject?.Data)).toEqual(['BIWAQ: Erprobung abgesagt – AB12-CD34']);
  });

  it('checks in once, and not after the last day has come', async () => {
    onGet({ PLACEMENT: placement({ status: 'confirmed', feedbackAt: '2999-01-01T00:00:00.000Z' }) });
    expect(PlacementStepResult().parse(await run(sendCheckIn, { placementId: ID }))).toEqual({ next: 'continue', sent: true });
    onGet({ PLACEMENT: placement({ status: 'confirmed', checkInSentAt: 'x' }) });
    expect(await run(sendCheckIn, { placementId: ID })).toEqual({ next: 'continue', sent: false });
    onGet({ PLACEMENT: placement({ status: 'confirmed', feedbackAt: '2000-01-01T00:00:00.000Z' }) });
    expect(await run(sendCheckIn, { placementId: ID })).toEqual({ next: 'continue', sent: false });
    onGet({ PLACEMENT: placement({ status: 'cancelled' }) });
    expect(await run(sendCheckIn, { placementId: ID })).toEqual({ next: 'end', sent: false });
    expect(mails()).toHaveLength(1);
  });

  it('records the outcome on the participant (one map entry) and in the audit trail under a fixed key', async () => {
    onGet({ PLACEMENT: placement({ status: 'completed', feedback: { outcome: 'apprenticeship', at: '2027-03-12T10:00:00.000Z', by: 'employer' } }) });
    expect(await run(recordOutcome, { placementId: ID })).toEqual({ recorded: true });
    expect(updates()[0]).toMatchObject({ UpdateExpression: 'SET placementOutcomes.#pid = :o', ExpressionAttributeNames: { '#pid': ID }, ExpressionAttributeValues: { ':o': { outcome: 'apprenticeship', at: '2027-03-12T10:00:00.000Z' } } });
    const audit = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(audit.Item).toMatchObject({ PK: `PARTICIPANT#${PID}`, SK: expect.stringMatching(/^AUDIT#2027-03-12T10:00:00.000Z#[0-9a-f]{8}$/), role: 'employer', action: 'placement.outcome' });
    await run(recordOutcome, { placementId: ID });
    expect(ddb.commandCalls(PutCommand)[1]!.args[0].input.Item!['SK']).toBe(audit.Item!['SK']);
  });
});

describe('the employer\'s POST (use case)', () => {
  const LINK_ID = 'L'.repeat(43);
  const linkItem = (extra: Record<string, unknown> = {}) => ({ PK: `EMPLOYER_LINK#${linkHash(LINK_ID)}`, SK: 'EMPLOYER_LINK', placementId: ID, site: 'marxloh', purpose: 'answer', issuedAt: 'x', validUntil: '2999-01-01T00:00:00.000Z', expiresAt: 32_000_000_000, ...extra });

  it('answers in two DynamoDB round trips (Get the link, one conditional Update), then tells the workflow', async () => {
    onGet({ EMPLOYER_LINK: linkItem() });
    ddb.on(UpdateCommand).resolves({ Attributes: placement({ status: 'confirmed', answer: { decision: 'confirm', at: 'x' }, taskToken: 'tok', tokenPurpose: 'answer' }) });
    sfn.on(SendTaskSuccessCommand).resolves({});
    expect((await actOnLink(LINK_ID, { decision: 'confirm' })).kind).toBe('done');
    expect(ddb.calls()).toHaveLength(2);
    expect(updates()[0]!.ConditionExpression).toContain('contains(linkHashes, :hash)');
    expect(updates()[0]!.ReturnValues).toBe('ALL_NEW');
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({ taskToken: 'tok', output: '{"answered":true}' });
  });

  it('keeps the answer when the workflow cannot be told (the token timed out into a reminder)', async () => {
    onGet({ EMPLOYER_LINK: linkItem() });
    ddb.on(UpdateCommand).resolves({ Attributes: placement({ status: 'declined', answer: { decision: 'decline', at: 'x' }, taskToken: 'old', tokenPurpose: 'answer' }) });
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'timed out', $metadata: {} }));
    expect((await actOnLink(LINK_ID, { decision: 'decline', reason: 'voll' })).kind).toBe('done');
  });

  it('changes nothing for a refused answer, and says why with a third read', async () => {
    onGet({ EMPLOYER_LINK: linkItem(), PLACEMENT: placement({ status: 'confirmed', answer: { decision: 'confirm', at: 'x' } }) });
    ddb.on(UpdateCommand).rejects(conditionFailed());
    expect((await actOnLink(LINK_ID, { decision: 'confirm' })).kind).toBe('answered');
    expect(ddb.calls()).toHaveLength(3);
    expect(sfn.calls()).toHaveLength(0);
    ddb.reset();
    expect((await actOnLink('x'.repeat(10), { decision: 'confirm' })).kind).toBe('unknown');
    expect(ddb.calls()).toHaveLength(0);
  });
});
