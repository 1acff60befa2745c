import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as notify } from '../../functions/intake/notify-team.js';
import { handler as register } from '../../functions/intake/register-participant.js';
import { handler as confirm } from '../../functions/intake/send-confirmation.js';
import { participantIdFor } from '../../functions/domain/intake.js';
import { recognitionDraftIdFor } from '../../functions/domain/recognition-case.js';
import { lambdaContext, storedParticipant, validIntake } from '../fixtures.js';

const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const SUB = '0123456789abcdef0123456789abcdef';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'condition', $metadata: {} });

function submission(extra: Record<string, unknown> = {}) {
  const { lang, site, consent: _c, website: _w, ...entry } = validIntake();
  return {
    PK: `SUBMISSION#${SUB}`,
    SK: 'SUBMISSION',
    id: SUB,
    reference: 'AB12-CD34',
    contentHash: 'h',
    site,
    lang,
    receivedAt: '2026-11-26T09:00:00.000Z',
    status: 'received',
    entry,
    consent: { noticeVersion: '2026-11', acceptedAt: '2026-11-26T09:00:00.000Z' },
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    ...extra,
  };
}

const getByPk = (items: Record<string, Record<string, unknown> | undefined>) =>
  ddb.on(GetCommand).callsFake((input: { Key: { PK: string } }) => ({ Item: items[input.Key.PK.split('#')[0]!] }));

beforeEach(() => {
  ddb.reset();
  ses.reset();
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});

describe('RegisterParticipant', () => {
  it('creates a participant for a new person, its id derived from the submission and its time', async () => {
    getByPk({ SUBMISSION: submission() });
    const out = await register({ submissionId: SUB }, lambdaContext);
    const id = participantIdFor({ id: SUB, receivedAt: '2026-11-26T09:00:00.000Z' });
    expect(out).toEqual({ participantId: id, duplicate: false, owner: true });
    // The same Idempotency-Key sent again after its record expired never lands on this participant.
    expect(participantIdFor({ id: SUB, receivedAt: '2027-01-05T09:00:00.000Z' })).not.toBe(id);
    const puts = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item!);
    expect(puts.map((i) => i['type'])).toEqual(['Identity', 'Participant', 'RecognitionCase']);
    expect(puts[1]).toMatchObject({ PK: `PARTICIPANT#${id}`, GSI1PK: 'SITE#marxloh', status: 'new', reference: 'AB12-CD34' });
    expect(JSON.stringify(puts[0])).not.toContain('Beispielfrau');
    // The intake asked for recognition: a draft case from its qualification answers, once (its id from the submission, a conditional Put).
    expect(ddb.commandCalls(PutCommand)[2]!.args[0].input.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(puts[2]).toMatchObject({
      PK: `RECOGNITION#${recognitionDraftIdFor(SUB)}`,
      draft: true,
      participantId: id,
      participantReference: 'AB12-CD34',
      qualification: { country: 'PL', profession: 'Bürokauffrau', year: 2010 },
      checklist: { certificates: { state: 'at_hand', since: '2026-11-26' }, cv_german: { state: 'at_hand', since: '2026-11-26' }, translations: { state: 'missing', since: '2026-11-26' } },
      GSI1PK: 'SITE#marxloh#RECOGNITION',
      GSI3PK: `PARTICIPANT#${id}#RECOGNITION`,
    });
    expect(puts[2]).not.toHaveProperty('GSI4PK');
  });

  it('links a second submission of the same person to the existing participant and flags it', async () => {
    const existing = { PK: 'PARTICIPANT#p1', SK: 'PROFILE', ...storedParticipant({ id: 'p1', site: 'hochfeld' }) };
    getByPk({ SUBMISSION: submission(), IDENTITY: { participantId: 'p1', createdAt: '2026-11-26T09:00:00.000Z' }, PARTICIPANT: existing });
    ddb.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
      if (input.Item['type'] === 'Identity') throw conditionFailed();
      return {};
    });
    const out = await register({ submissionId: SUB }, lambdaContext);
    expect(out).toEqual({ participantId: 'p1', duplicate: true, owner: true });
    const link = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item!).find((i) => i['type'] === 'ParticipantSubmission');
    expect(link).toMatchObject({ PK: 'PARTICIPANT#p1', submissionId: SUB, reference: 'AB12-CD34' });
    const flag = ddb.commandCalls(UpdateCommand).find((c) => c.args[0].input.UpdateExpression?.includes('duplicateSubmissionIds'));
    expect(flag?.args[0].input.ExpressionAttributeValues?.[':ids']).toEqual(new Set([SUB]));
  });

  it('does nothing again for a submission that is registered already', async () => {
    getByPk({ SUBMISSION: submission({ status: 'registered', participantId: 'p9', duplicate: true }) });
    expect(await register({ submissionId: SUB }, lambdaContext)).toEqual({ participantId: 'p9', duplicate: true, owner: true });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("waits (a retryable error) while the identity's holder has no participant yet, and never writes it from this submission", async () => {
    getByPk({ SUBMISSION: submission(), IDENTITY: { participantId: 'p-holder', createdAt: '2026-11-26T09:00:00.000Z' }, PARTICIPANT: undefined });
    ddb.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
      if (input.Item['type'] === 'Identity') throw conditionFailed();
      return {};
    });
    await expect(register({ submissionId: SUB }, lambdaContext)).rejects.toMatchObject({ name: 'RegistrationPending' });
    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item!['type'])).toEqual(['Identity']);
  });

  it('lets only one execution own a submission: a second one ends without doing anything', async () => {
    getByPk({ SUBMISSION: submission() });
    ddb.on(UpdateCommand).callsFake((input: { UpdateExpression: string }) => {
      if (input.UpdateExpression.includes('ownerExecution')) throw conditionFailed();
      return {};
    });
    const out = await register({ submissionId: SUB, executionArn: 'arn:aws:states:eu-central-1:1:execution:IntakeRegistration:second' }, lambdaContext);
    expect(out.owner).toBe(false);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('keeps error messages (which may name people) out of what Step Functions records', async () => {
    ddb.on(GetCommand).rejects(Object.assign(new Error('MessageRejected: Email address is not verified: jana@example.org'), { name: 'MessageRejected' }));
    const err = await register({ submissionId: SUB }, lambdaContext).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'MessageRejected' });
    expect((err as Error).message).not.toContain('example.org');
  });

  it('refuses input that is not an id, so no personal data can enter the workflow', async () => {
    await expect(register({ submissionId: SUB, email: 'x@example.org' }, lambdaContext)).rejects.toThrow(/contract/);
  });
});

describe('SendConfirmation and NotifyTeam', () => {
  it('sends the confirmation in the participant language once, then drops the personal data', async () => {
    getByPk({ SUBMISSION: submission({ status: 'registered', participantId: SUB, participantSite: 'marxloh' }) });
    expect(await confirm({ submissionId: SUB }, lambdaContext)).toEqual({ sent: true });
    const mail = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(mail.Destination?.ToAddresses).toEqual(['jana.beispielfrau@example.org']);
    expect(mail.Content?.Simple?.Subject?.Data).toContain('AB12-CD34');
    // Both parts, answers to the site's office, its data notice; the intake asked for recognition: what to bring.
    expect(mail.ReplyToAddresses).toEqual(['buero-marxloh@biwaq.example']);
    const text = mail.Content?.Simple?.Body?.Text?.Data ?? '';
    const html = mail.Content?.Simple?.Body?.Html?.Data ?? '';
    expect(html).toContain('<html lang="de" dir="ltr">');
    for (const part of [text, html]) {
      expect(part).toContain('https://console.biwaq.example/datenschutz?site=marxloh');
      expect(part).toContain('0203 000 00 11');
      expect(part).toContain('Lebenslauf auf Deutsch');
    }
    expect(text).toMatch(/bitte zum ersten Termin mit[^\n]*\n- Lebenslauf auf Deutsch\n- Zeugnisse oder Diplome\n\nDas fehlt noch/);
    expect(ddb.commandCalls(UpdateCommand)[0]!.args[0].input.UpdateExpression).toContain('REMOVE entry');

    getByPk({ SUBMISSION: submission({ confirmationSentAt: '2026-11-26T09:00:01.000Z' }) });
    expect(await confirm({ submissionId: SUB }, lambdaContext)).toEqual({ sent: false });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it('tells the team with the reference and a console link only', async () => {
    getByPk({ SUBMISSION: submission({ status: 'registered', participantId: SUB, participantSite: 'marxloh', entry: undefined }) });
    await notify({ submissionId: SUB }, lambdaContext);
    const mail = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(mail.Destination?.ToAddresses).toEqual(['team-marxloh@biwaq.example']);
    const text = `${mail.Content?.Simple?.Subject?.Data} ${mail.Content?.Simple?.Body?.Text?.Data}`;
    expect(text).toContain('AB12-CD34');
    expect(text).toContain(`https://console.biwaq.example/console/participants/${SUB}`);
    for (const personal of ['Jana', 'Beispielfrau', 'example.org', '47169', '1987']) expect(text).not.toContain(personal);
  });
});
