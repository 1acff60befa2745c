import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as notify } from '../../functions/intake/notify-team.js';
import { handler as register } from '../../functions/intake/register-participant.js';
import { handler as schedule } from '../../functions/intake/schedule-follow-up.js';
import { participantIdFor } from '../../functions/domain/intake.js';
import { lambdaContext, storedParticipant, validIntake } from '../fixtures.js';

/** The intake steps' part in the console: search index, agenda, one person one project. */
const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const SUB = '0123456789abcdef0123456789abcdef';
const PID = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'condition', $metadata: {} });

function submission(extra: Record<string, unknown> = {}) {
  const { lang, site, consent: _c, website: _w, ...entry } = validIntake();
  return {
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
const updates = () => ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
const mails = () =>
  ses.commandCalls(SendEmailCommand).map((c) => {
    const m = c.args[0].input;
    return { to: m.Destination!.ToAddresses![0]!, subject: m.Content!.Simple!.Subject!.Data!, text: m.Content!.Simple!.Body!.Text!.Data! };
  });
const PERSONAL = ['Jana', 'Beispielfrau', 'example.org', '47169', '1987', '0203', 'Weseler'];

beforeEach(() => {
  ddb.reset();
  ses.reset();
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});

describe('RegisterParticipant indexes the participant for the staff search', () => {
  it('points the reference at the new participant and writes its name entries into the site name index (upserts)', async () => {
    getByPk({ SUBMISSION: submission() });
    await register({ submissionId: SUB }, lambdaContext);
    const id = participantIdFor({ id: SUB, receivedAt: '2026-11-26T09:00:00.000Z' });
    const ref = updates().find((u) => u.Key!['PK'] === 'REFERENCE#AB12-CD34')!;
    expect(ref.ConditionExpression).toBe('attribute_not_exists(PK) OR participantId = :pid');
    expect(ref.ExpressionAttributeValues).toMatchObject({ ':pid': id, ':sid': SUB });
    const names = updates().filter((u) => String(u.Key!['SK']).startsWith('NAME#'));
    expect(names.map((u) => [u.Key!['PK'], u.Key!['SK'], u.ExpressionAttributeValues![':pk'], u.ExpressionAttributeValues![':sk']])).toEqual([
      [`PARTICIPANT#${id}`, 'NAME#jana#beispielfrau', 'SITE#marxloh#NAME', `jana#beispielfrau#${id}`],
      [`PARTICIPANT#${id}`, 'NAME#beispielfrau#jana', 'SITE#marxloh#NAME', `beispielfrau#jana#${id}`],
    ]);
  });

  it("points a linked submission's reference at the existing participant", async () => {
    const existing = { PK: `PARTICIPANT#${PID}`, SK: 'PROFILE', ...storedParticipant({ id: PID, site: 'marxloh' }) };
    getByPk({ SUBMISSION: submission({ site: 'hochfeld' }), IDENTITY: { participantId: PID, createdAt: 'x' }, PARTICIPANT: existing });
    ddb.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
      if (input.Item['type'] === 'Identity') throw conditionFailed();
      return {};
    });
    expect(await register({ submissionId: SUB }, lambdaContext)).toEqual({ participantId: PID, duplicate: true, owner: true });
    expect(updates().find((u) => u.Key!['PK'] === 'REFERENCE#AB12-CD34')!.ExpressionAttributeValues).toMatchObject({ ':pid': PID });
    const registered = updates().find((u) => String(u.UpdateExpression).includes('participantSite'))!;
    expect(registered.ExpressionAttributeValues).toMatchObject({ ':psite': 'marxloh', ':dup': true });
  });
});

describe('ScheduleFollowUp puts the waiting participant on the site agenda', () => {
  it('sets the agenda keys (due when the first contact is) while the participant is new at that site', async () => {
    ddb.on(GetCommand).resolves({ Item: storedParticipant({ id: PID, createdAt: '2026-04-02T08:00:00.000Z' }) });
    ddb.on(UpdateCommand).callsFake((input: any) => (input.ExpressionAttributeValues[':f'] ? { Attributes: { followUp: input.ExpressionAttributeValues[':f'] } } : {}));
    const out = await schedule({ participantId: PID }, lambdaContext);
    expect(out).toMatchObject({ done: false, reminderDueAt: '2026-04-08T22:00:00.000Z' });
    const agenda = updates().find((u) => String(u.UpdateExpression).includes('#apk'))!;
    expect(agenda.ConditionExpression).toBe('attribute_exists(PK) AND site = :site AND #status = :new');
    expect(agenda.ExpressionAttributeNames).toMatchObject({ '#apk': 'GSI4PK', '#ask': 'GSI4SK' });
    expect(agenda.ExpressionAttributeValues).toMatchObject({ ':apk': 'SITE#marxloh#AGENDA', ':ask': `2026-04-08T22:00:00.000Z#intake#${PID}`, ':site': 'marxloh' });
  });

  it('ends the follow-up when a first contact came first, and follows a participant who moved site', async () => {
    let reads = 0;
    ddb.on(GetCommand).callsFake(() => ({ Item: storedParticipant({ id: PID, createdAt: '2026-04-02T08:00:00.000Z', ...(reads++ === 0 ? {} : { status: 'contacted' }) }) }));
    ddb.on(UpdateCommand).callsFake((input: any) => {
      if (input.ExpressionAttributeValues[':f']) return { Attributes: { followUp: input.ExpressionAttributeValues[':f'] } };
      throw conditionFailed();
    });
    expect(await schedule({ participantId: PID }, lambdaContext)).toEqual({ done: true });

    ddb.resetHistory();
    reads = 0;
    ddb.on(GetCommand).callsFake(() => ({ Item: storedParticipant({ id: PID, createdAt: '2026-04-02T08:00:00.000Z', site: reads++ === 0 ? 'marxloh' : 'hochfeld' }) }));
    ddb.on(UpdateCommand).callsFake((input: any) => {
      if (input.ExpressionAttributeValues[':f']) return { Attributes: { followUp: input.ExpressionAttributeValues[':f'] } };
      if (input.ExpressionAttributeValues[':site'] === 'marxloh') throw conditionFailed();
      return {};
    });
    expect((await schedule({ participantId: PID }, lambdaContext)).done).toBe(false);
    expect(updates().filter((u) => u.ExpressionAttributeValues![':apk']).map((u) => u.ExpressionAttributeValues![':apk'])).toEqual(['SITE#marxloh#AGENDA', 'SITE#hochfeld#AGENDA']);
  });
});

describe('NotifyTeam: one person, one project', () => {
  const duplicateAt = (site: string) => submission({ site, status: 'registered', participantId: PID, participantSite: 'marxloh', duplicate: true, entry: undefined });

  it('tells the second site that the person is registered elsewhere (no link, no person) and the owning site the usual duplicate notice', async () => {
    getByPk({ SUBMISSION: duplicateAt('hochfeld') });
    expect(await notify({ submissionId: SUB }, lambdaContext)).toEqual({ sent: true });
    const [owner, second] = mails();
    expect(owner).toMatchObject({ to: 'team-marxloh@biwaq.example', subject: expect.stringContaining('Duplikat') });
    expect(owner!.text).toContain(`/console/participants/${PID}`);
    expect(owner!.text).toContain('BIWAQ Hochfeld');
    expect(second!.to).toBe('team-hochfeld@biwaq.example');
    expect(second!.text).toContain('Anmeldung AB12-CD34: bereits bei BIWAQ Marxloh angemeldet — bitte mit BIWAQ Marxloh abstimmen');
    expect(second!.text).not.toMatch(/https?:\/\//);
    for (const m of mails()) for (const personal of PERSONAL) expect(`${m.subject} ${m.text}`).not.toContain(personal);
    // One marker per participant, team and day of receipt (Berlin), claimed by this submission.
    const markers = updates().filter((u) => String(u.Key!['PK']).startsWith('TEAM_NOTICE#'));
    expect(markers.map((u) => `${u.Key!['PK']} ${u.Key!['SK']}`)).toEqual(
      expect.arrayContaining([`TEAM_NOTICE#${PID}#2026-11-26 SITE#marxloh`, `TEAM_NOTICE#${PID}#2026-11-26 SITE#hochfeld`]),
    );
    expect(markers.find((u) => u.ConditionExpression)!.ConditionExpression).toBe('attribute_not_exists(PK) OR submissionId = :sid');
    expect(updates().some((u) => String(u.UpdateExpression).includes('teamNotifiedAt'))).toBe(true);
  });

  it('sends nothing when another submission of the person already told the teams today', async () => {
    getByPk({ SUBMISSION: duplicateAt('hochfeld') });
    ddb.on(UpdateCommand).callsFake((input: any) => {
      if (String(input.Key.PK).startsWith('TEAM_NOTICE#') && input.ConditionExpression) throw conditionFailed();
      return {};
    });
    expect(await notify({ submissionId: SUB }, lambdaContext)).toEqual({ sent: false });
    expect(ses.calls()).toHaveLength(0);
    expect(updates().some((u) => String(u.UpdateExpression).includes('teamNotifiedAt'))).toBe(true);
  });

  it('a retried step sends what it has not sent yet, once', async () => {
    getByPk({ SUBMISSION: duplicateAt('hochfeld') });
    ddb.on(UpdateCommand).callsFake((input: any) => {
      if (!String(input.Key.PK).startsWith('TEAM_NOTICE#') || !input.ConditionExpression) return {};
      const sentAt = input.Key.SK === 'SITE#marxloh' ? { sentAt: '2026-11-26T09:00:05.000Z' } : {};
      return { Attributes: { participantId: PID, site: input.Key.SK.slice(5), day: '2026-11-26', submissionId: SUB, expiresAt: 1, ...sentAt } };
    });
    await notify({ submissionId: SUB }, lambdaContext);
    expect(mails().map((m) => m.to)).toEqual(['team-hochfeld@biwaq.example']);
  });

  it('a duplicate at the same site: the usual notice to that team only', async () => {
    getByPk({ SUBMISSION: duplicateAt('marxloh') });
    await notify({ submissionId: SUB }, lambdaContext);
    expect(mails().map((m) => m.to)).toEqual(['team-marxloh@biwaq.example']);
    expect(mails()[0]!.text).not.toContain('Hochfeld');
  });
});
