import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { addCalendarDays, berlinDate, berlinMidnight } from '../../functions/domain/working-days.js';
import { handler as schedule } from '../../functions/recognition/schedule.js';
import { handler as sendReminders } from '../../functions/recognition/send-reminders.js';
import { handler as storeToken } from '../../functions/recognition/store-token.js';
import { RecognitionWaitState } from '../../schemas/workflow-tasks.js';
import { lambdaContext } from '../fixtures.js';
import { CASE_ID, caseItem, checklist, conditionFailed, draftItem, storedFact } from './recognition-helpers.js';

/** The RecognitionCase workflow's steps with a mocked SDK: ids in, a plan out, each reminder claimed before its one mail. */
const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
mockClient(SFNClient);
const run = async (h: (e: unknown, c: typeof lambdaContext) => Promise<unknown>, input: unknown) => RecognitionWaitState().parse(await h(input, lambdaContext));
const updates = () => ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
const mails = () => ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
const today = () => berlinDate(new Date());

// Received on Thu 1 Oct 2026: the receipt was due on Mon 2 Nov (1 Nov is a Sunday and All Saints' Day), long past.
const lateReceipt = () => caseItem({ version: 3, facts: [storedFact('application_received', '2026-10-01')] });
const onGet = (...items: Record<string, unknown>[]) => {
  const queue = [...items];
  ddb.on(GetCommand).callsFake(() => ({ Item: queue.length > 1 ? queue.shift() : queue[0] }));
};

beforeEach(() => {
  ddb.reset();
  ses.reset();
  ddb.on(UpdateCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'm' });
});

describe('ScheduleRecognition', () => {
  it('says remind when a reminder is due and not sent, on the version read', async () => {
    onGet(lateReceipt());
    expect(await run(schedule, { caseId: CASE_ID })).toEqual({ next: 'remind', version: 3 });
  });

  it('waits the seconds until the next reminder (a translation ordered today: 3 weeks, then the end of that day)', async () => {
    onGet(caseItem({ checklist: { ...checklist(), translations: { state: 'translation_ordered', since: today() } } }));
    const out = await run(schedule, { caseId: CASE_ID });
    const remindAt = berlinMidnight(addCalendarDays(today(), 22)).getTime();
    expect(out).toMatchObject({ next: 'wait', version: 1 });
    expect(Math.abs(out.seconds! - (remindAt - Date.now()) / 1000)).toBeLessThan(5);
  });

  it('waits at most 30 days when nothing is due yet, and ends for a withdrawn, decided or missing case and a draft', async () => {
    onGet(caseItem());
    expect(await run(schedule, { caseId: CASE_ID })).toEqual({ next: 'wait', seconds: 30 * 24 * 3600, version: 1 });
    const decided = [storedFact('application_received', '2026-06-01'), storedFact('receipt_confirmed', '2026-06-10'), storedFact('documents_complete', '2026-07-01'), storedFact('decision', '2026-09-01', { result: 'full' })];
    for (const item of [caseItem({ facts: [storedFact('withdrawn', '2026-10-01', { reason: 'x' })] }), caseItem({ facts: decided }), draftItem(), undefined]) {
      onGet(item as never);
      expect(await run(schedule, { caseId: CASE_ID })).toEqual({ next: 'end' });
    }
    await expect(schedule({ caseId: 'nope' }, lambdaContext)).rejects.toMatchObject({ name: 'InvalidTaskInput' });
  });
});

describe('AwaitChange (StoreRecognitionToken)', () => {
  it('keeps the token for the version the wait was planned on', async () => {
    await storeToken({ caseId: CASE_ID, version: 2, taskToken: 'tok' }, lambdaContext);
    expect(updates()[0]).toMatchObject({
      UpdateExpression: 'SET taskToken = :t, tokenVersion = :version, tokenStoredAt = :at',
      ConditionExpression: 'attribute_exists(PK) AND version = :version AND attribute_not_exists(#draft)',
      ExpressionAttributeValues: { ':t': 'tok', ':version': 2 },
    });
  });

  it('refuses with RecognitionCaseChanged when the case moved on, RecognitionCaseClosed when it is over (names the ASL catches)', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    onGet(caseItem({ version: 3 }));
    await expect(storeToken({ caseId: CASE_ID, version: 2, taskToken: 'tok' }, lambdaContext)).rejects.toMatchObject({ name: 'RecognitionCaseChanged' });
    onGet(caseItem({ version: 3, facts: [storedFact('withdrawn', '2026-10-01', { reason: 'x' })] }));
    await expect(storeToken({ caseId: CASE_ID, version: 2, taskToken: 'tok' }, lambdaContext)).rejects.toMatchObject({
      name: 'RecognitionCaseClosed',
      message: expect.stringContaining('details withheld'),
    });
  });
});

describe('SendReminders', () => {
  it('claims the reminder\'s key on the version read, then mails the team once (reference and console link only), then plans the next wait', async () => {
    onGet(lateReceipt());
    const out = await run(sendReminders, { caseId: CASE_ID });
    expect(out).toEqual({ next: 'wait', seconds: 30 * 24 * 3600, version: 3, sent: ['receipt_overdue'] });
    expect(updates()[0]).toMatchObject({
      UpdateExpression: 'ADD sentReminders :keys',
      ConditionExpression: 'attribute_exists(PK) AND version = :version AND (attribute_not_exists(sentReminders) OR NOT contains(sentReminders, :key))',
      ExpressionAttributeValues: { ':key': 'receipt_overdue:2026-11-02', ':version': 3 },
    });
    const [mail] = mails();
    expect(mail).toMatchObject({ Destination: { ToAddresses: ['team-marxloh@biwaq.example'] } });
    expect(mail!.Content?.Simple?.Subject?.Data).toBe('BIWAQ: Frist überschritten: Eingangsbestätigung – AB12-CD34');
    const text = mail!.Content?.Simple?.Body?.Text?.Data ?? '';
    expect(text).toContain(`/console/recognition-cases/${CASE_ID}`);
    expect(text).toContain('bis zum 02.11.2026');
    expect(text).not.toMatch(/Pflegefachkraft|دبلوم|bezirksregierung|Beispielfrau/i);
  });

  it('sends nothing for a key sent before, nor for a deadline met meanwhile', async () => {
    onGet(caseItem({ ...lateReceipt(), sentReminders: new Set(['receipt_overdue:2026-11-02']) }));
    expect(await run(sendReminders, { caseId: CASE_ID })).toMatchObject({ next: 'wait' });
    onGet(caseItem({ facts: [storedFact('application_received', '2026-10-01'), storedFact('receipt_confirmed', '2026-11-20')] }));
    expect(await run(sendReminders, { caseId: CASE_ID })).toMatchObject({ next: 'wait' });
    expect(mails()).toHaveLength(0);
    expect(updates()).toHaveLength(0);
  });

  it('reads the case again when the claim is refused because it changed, and mails only what is still due', async () => {
    ddb.on(UpdateCommand).rejectsOnce(conditionFailed()).resolves({});
    // Meanwhile a counsellor recorded the receipt as confirmed: nothing is due any more.
    onGet(lateReceipt(), caseItem({ version: 4, facts: [storedFact('application_received', '2026-10-01'), storedFact('receipt_confirmed', '2026-11-20')] }));
    expect(await run(sendReminders, { caseId: CASE_ID })).toEqual({ next: 'wait', seconds: 30 * 24 * 3600, version: 4, sent: [] });
    expect(mails()).toHaveLength(0);
  });

  it('ends for a case that is gone, and plans instead of mailing when nothing is due', async () => {
    onGet(undefined as never);
    expect(await run(sendReminders, { caseId: CASE_ID })).toEqual({ next: 'end' });
    onGet(caseItem());
    expect(await run(sendReminders, { caseId: CASE_ID })).toEqual({ next: 'wait', seconds: 30 * 24 * 3600, version: 1 });
  });
});
