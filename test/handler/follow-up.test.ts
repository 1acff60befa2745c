import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as escalate } from '../../functions/intake/escalate-follow-up.js';
import { handler as schedule } from '../../functions/intake/schedule-follow-up.js';
import { handler as remind } from '../../functions/intake/send-reminder.js';
import { handler as recordContact } from '../../functions/staff/record-contact.js';
import { handler as withdraw } from '../../functions/staff/withdraw-participant.js';
import { RecordFirstContact, WithdrawParticipant } from '../../schemas/routes/staff.js';
import { checkResponse } from '../contract.js';
import { lambdaContext, readEvent, storedParticipant } from '../fixtures.js';

const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const sfn = mockClient(SFNClient);
const ID = '0123456789abcdef0123456789abcdef';
const ARN = 'arn:aws:states:eu-central-1:000000000000:execution:IntakeRegistration:x';

function participant(extra: Record<string, unknown> = {}) {
  return storedParticipant({ id: ID, version: 3, createdAt: '2026-04-02T08:00:00.000Z', workflows: { intake: ARN }, ...extra });
}

beforeEach(() => {
  ddb.reset();
  ses.reset();
  sfn.reset();
  ddb.on(UpdateCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'm' });
  sfn.on(StopExecutionCommand).resolves({});
});

describe('follow-up steps', () => {
  it('schedules by NRW working days: an intake on Maundy Thursday is due after Easter', async () => {
    ddb.on(GetCommand).resolves({ Item: participant() });
    ddb.on(UpdateCommand).callsFake((input: any) => ({ Attributes: { followUp: input.ExpressionAttributeValues[':f'] } }));
    const out = await schedule({ participantId: ID }, lambdaContext);
    // Tue 7 and Wed 8 April are the two working days: due at the end of Wed 8 April (Berlin).
    expect(out).toEqual({ done: false, reminderDueAt: '2026-04-08T22:00:00.000Z', escalationDueAt: '2026-04-13T22:00:00.000Z' });
  });

  it('reminds the team once, and not at all after a first contact', async () => {
    const due = { reminderDueAt: '2026-04-08T22:00:00.000Z', escalationDueAt: '2026-04-13T22:00:00.000Z' };
    ddb.on(GetCommand).resolves({ Item: participant({ followUp: due }) });
    expect(await remind({ participantId: ID }, lambdaContext)).toMatchObject({ done: false, sent: true });
    const mail = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(mail.Destination?.ToAddresses).toEqual(['team-marxloh@biwaq.example']);
    expect(mail.Content?.Simple?.Body?.Text?.Data).not.toContain('Beispielfrau');
    // Due at 00:00 Berlin on 9 April: the team reads the last day of the period.
    expect(mail.Content?.Simple?.Body?.Text?.Data).toContain('Frist: Ende des 08.04.2026');

    ddb.on(GetCommand).resolves({ Item: participant({ followUp: { ...due, reminderSentAt: '2026-04-09T06:00:00.000Z' } }) });
    expect(await remind({ participantId: ID }, lambdaContext)).toMatchObject({ done: false, sent: false });
    ddb.on(GetCommand).resolves({ Item: participant({ status: 'contacted', followUp: due }) });
    expect(await remind({ participantId: ID }, lambdaContext)).toEqual({ done: true, sent: false });
    ddb.on(GetCommand).resolves({ Item: participant({ status: 'new', followUp: due }) });
    await escalate({ participantId: ID }, lambdaContext);
    expect(ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses?.[0])).toEqual([
      'team-marxloh@biwaq.example',
      'lead-marxloh@biwaq.example',
    ]);
  });
});

const post = (h: typeof recordContact, body: unknown, claims: Record<string, string> = {}) => {
  const e = structuredClone(readEvent('get-staff-participant.json')) as any;
  e.routeKey = 'POST /api/staff/participants/{id}/contact';
  e.requestContext.http.method = 'POST';
  e.headers['content-type'] = 'application/json';
  e.body = JSON.stringify(body);
  Object.assign(e.requestContext.authorizer.jwt.claims, claims);
  const contract = h === recordContact ? RecordFirstContact : WithdrawParticipant;
  return h(e as APIGatewayProxyEventV2, lambdaContext).then((r) => {
    const { status, body } = checkResponse(contract, r);
    return { status, body };
  });
};

describe('first contact and withdrawal', () => {
  it('records the contact on the version seen, audits it and stops the follow-up', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: participant({ status: 'contacted', version: 4 }) });
    const res = await post(recordContact, { version: 3, date: '2026-04-07', channel: 'phone', note: 'Termin am Montag' });
    expect(res).toEqual({ status: 200, body: expect.objectContaining({ status: 'contacted', version: 4 }) });
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.ConditionExpression).toContain('version = :version');
    expect(update.ExpressionAttributeValues).toMatchObject({ ':version': 3, ':site': 'marxloh', ':gsi2pk': 'SITE#marxloh#STATUS#contacted' });
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({ type: 'Audit', action: 'participant.first_contact' });
    expect(sfn.commandCalls(StopExecutionCommand)[0]!.args[0].input.executionArn).toBe(ARN);
  });

  it('answers a stale version with 409 version_conflict and a second change with 409 status_conflict', async () => {
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: participant({ version: 4 }) });
    expect((await post(withdraw, { version: 3, reason: 'moved_away' })).body.code).toBe('version_conflict');
    ddb.on(GetCommand).resolves({ Item: participant({ version: 3, status: 'withdrawn' }) });
    const res = await post(withdraw, { version: 3, reason: 'moved_away' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('status_conflict');
    ddb.on(GetCommand).resolves({ Item: participant({ site: 'hochfeld' }) });
    expect((await post(withdraw, { version: 3, reason: 'moved_away' })).status).toBe(404);
    expect(sfn.calls()).toHaveLength(0);
  });

  it('refuses bad input (400), a future date, and coordinators (403)', async () => {
    expect((await post(recordContact, { version: 3, date: '2999-01-01', channel: 'phone' })).body.errors[0]).toMatchObject({ path: 'date', code: 'invalid_date' });
    expect((await post(recordContact, { version: 3, date: '2026-04-07', channel: 'pigeon' })).status).toBe(400);
    expect((await post(recordContact, { date: '2026-04-07', channel: 'phone' })).body.errors[0].path).toBe('version');
    expect((await post(recordContact, { version: 3, date: '2026-04-07', channel: 'phone', extra: 1 })).status).toBe(400);
    expect((await post(withdraw, { version: 3, reason: 'other' }, { 'cognito:groups': '[coordinator]' })).status).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
  });
});
