import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as assignHandler } from '../../functions/staff/assign-participant.js';
import { handler as teamHandler } from '../../functions/staff/get-team.js';
import { handler as todayHandler } from '../../functions/staff/get-today.js';
import { handler as listHandler } from '../../functions/staff/list-participants.js';
import { handler as searchHandler } from '../../functions/staff/search-participants.js';
import { handler as transferHandler } from '../../functions/staff/transfer-participant.js';
import type { RouteContract } from '../../schemas/http/contract.js';
import { AssignParticipant, GetTeam, GetToday, ListParticipants, SearchParticipants, TransferParticipant } from '../../schemas/routes/index.js';
import { checkResponse } from '../contract.js';
import { lambdaContext, staffEvent, storedParticipant } from '../fixtures.js';

/** The console's routes with a mocked SDK: each answer checked against its contract. */
const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const ID = '0123456789abcdef0123456789abcdef';
const OTHER = 'fedcba9876543210fedcba9876543210';
const ME = '5f0c7d3e-1111-4a2b-9c3d-000000000001';
const COLLEAGUE = '7a1b2c3d-2222-4b2b-8c3d-000000000002';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'condition', $metadata: {} });

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<unknown>;

const event = staffEvent;
const LEAD = { 'cognito:groups': '[lead]', 'cognito:username': 'leitung.marxloh' };
const COORDINATOR = { 'cognito:groups': '[coordinator]', 'custom:site': '' };

async function call(contract: RouteContract, h: Handler, e: APIGatewayProxyEventV2) {
  return checkResponse(contract, await h(e, lambdaContext));
}

const profile = (extra: Record<string, unknown> = {}): Record<string, any> => ({ PK: `PARTICIPANT#${(extra['id'] as string) ?? ID}`, SK: 'PROFILE', type: 'Participant', ...storedParticipant({ id: ID, ...extra }) });
const puts = () => ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item!);
const updates = () => ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
const siteAudits = () => puts().filter((i) => i['type'] === 'SiteAudit');

/** Get answers by the key's partition prefix. */
const onGet = (items: Record<string, Record<string, unknown> | undefined>) =>
  ddb.on(GetCommand).callsFake((input: { Key: { PK: string } }) => ({ Item: items[input.Key.PK.split('#')[0]!] }));

beforeEach(() => {
  ddb.reset();
  ses.reset();
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'm' });
});

describe('GET /api/staff/participants/search', () => {
  const search = (q: string, claims: Record<string, string> = {}) =>
    call(SearchParticipants, searchHandler as Handler, event({ path: '/api/staff/participants/search', query: { q }, claims }));

  it.each([['ab12cd34'], ['AB12-CD34'], ['ab12 cd34'], ['aBl2-cD34']])('finds a participant by the reference %j: one Get, then the profile', async (q) => {
    onGet({ REFERENCE: { PK: 'REFERENCE#AB12-CD34', SK: 'REFERENCE', reference: 'AB12-CD34', participantId: ID, submissionId: 's1' }, PARTICIPANT: profile() });
    const res = await search(q);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ by: 'reference', truncated: false, items: [{ id: ID, reference: 'AB12-CD34', lastName: 'Beispielfrau', assignedTo: null }] });
    expect(ddb.commandCalls(GetCommand).map((c) => c.args[0].input.Key!['PK'])).toEqual(['REFERENCE#AB12-CD34', `PARTICIPANT#${ID}`]);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
    const [audit] = siteAudits();
    expect(audit).toMatchObject({ PK: expect.stringMatching(/^SITE#marxloh#AUDIT#\d{4}-\d{2}-\d{2}$/), action: 'participants.search.reference', detail: { count: 1 }, actor: ME });
    expect(JSON.stringify(audit)).not.toMatch(/ab12|AB12|Beispielfrau|Jana/i);
  });

  it("answers another site's reference like an unknown one, and a reference with digits never falls back to names", async () => {
    onGet({ REFERENCE: { reference: 'AB12-CD34', participantId: ID, submissionId: 's1' }, PARTICIPANT: profile({ site: 'hochfeld' }) });
    const other = await search('ab12cd34');
    onGet({});
    const unknown = await search('ab12cd34');
    expect(other).toEqual(unknown);
    expect(other.body).toEqual({ by: 'reference', items: [], truncated: false });
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it.each([
    ['Mül', 'mul'],
    ['MUELLER', 'muller'],
    ['jana bei', 'jana#bei'],
    ['Beispielfrau, Jana', 'beispielfrau#jana'],
  ])('searches names with one Query on the site name index: %j → prefix %j', async (q, prefix) => {
    ddb.on(QueryCommand).resolves({ Items: [{ participantId: ID }, { participantId: ID }, { participantId: OTHER }] });
    ddb.on(BatchGetCommand).resolves({ Responses: { 'biwaq-test': [profile(), profile({ id: OTHER, site: 'hochfeld' })] } });
    const res = await search(q);
    expect(res.body.by).toBe('name');
    // The other site's profile (a stale index entry) is never shown.
    expect(res.body.items.map((p: any) => p.id)).toEqual([ID]);
    const queries = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({ IndexName: 'GSI3', ExpressionAttributeValues: { ':pk': 'SITE#marxloh#NAME', ':prefix': prefix } });
    expect(ddb.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems!['biwaq-test']!.Keys).toEqual([
      { PK: `PARTICIPANT#${ID}`, SK: 'PROFILE' },
      { PK: `PARTICIPANT#${OTHER}`, SK: 'PROFILE' },
    ]);
    expect(JSON.stringify(siteAudits())).not.toContain(q);
    expect(siteAudits()[0]).toMatchObject({ action: 'participants.search.name', detail: { count: 1 } });
  });

  it('falls back to names when a digit-free query reads as a reference but finds no one', async () => {
    onGet({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    const res = await search('Schneide');
    expect(res.body).toEqual({ by: 'name', items: [], truncated: false });
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input.Key).toEqual({ PK: 'REFERENCE#SCHN-E1DE', SK: 'REFERENCE' });
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues).toMatchObject({ ':prefix': 'schneide' });
  });

  it('refuses coordinators (403) and an empty or unknown parameter (400), touching nothing', async () => {
    expect((await search('ab12cd34', COORDINATOR)).status).toBe(403);
    expect((await search('')).status).toBe(400);
    expect((await call(SearchParticipants, searchHandler as Handler, event({ path: '/api/staff/participants/search', query: { q: 'x', site: 'hochfeld' } }))).status).toBe(400);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /api/staff/today', () => {
  const due = (reminderDueAt: string, extra: Record<string, unknown> = {}) => ({ reminderDueAt, escalationDueAt: '2999-01-08T23:00:00.000Z', ...extra });
  const DAY = 24 * 3600 * 1000;
  const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  const agenda = () => [
    profile({ id: OTHER, createdAt: ago(3), followUp: due(ago(1), { reminderSentAt: ago(0.9) }) }),
    profile({ createdAt: '2999-01-01T09:00:00.000Z', followUp: due('2999-01-03T23:00:00.000Z'), assignedTo: { sub: COLLEAGUE, username: 'berater.marxloh', assignedAt: 'x', assignedBy: ME } }),
  ];
  const today = (headers: Record<string, string> = {}, claims: Record<string, string> = {}) =>
    call(GetToday, todayHandler as Handler, event({ path: '/api/staff/today', headers, claims }));

  it("reads the site's agenda in one ascending Query and keeps its order: overdue first", async () => {
    const items = agenda();
    ddb.on(QueryCommand).resolves({ Items: items });
    const res = await today();
    expect(res.status).toBe(200);
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ IndexName: 'GSI4', ScanIndexForward: true, ExpressionAttributeValues: { ':pk': 'SITE#marxloh#AGENDA' } });
    expect(input.KeyConditionExpression).toContain('<');
    expect(res.body.waiting.map((w: any) => [w.participant.id, w.overdue])).toEqual([
      [OTHER, true],
      [ID, false],
    ]);
    const [oldest] = items;
    expect(res.body.waiting[0]).toMatchObject({ reminderSentAt: oldest!['followUp'].reminderSentAt, escalatedAt: null, nextDueAt: '2999-01-08T23:00:00.000Z', waitingSince: oldest!['createdAt'] });
    // Three calendar days ago: at most 3 working days, at least 1 (weekends and holidays do not count).
    expect(res.body.waiting[0].waitedWorkingDays).toBeGreaterThanOrEqual(1);
    expect(res.body.waiting[0].waitedWorkingDays).toBeLessThanOrEqual(3);
    expect(res.body.waiting[1].participant.assignedTo).toEqual({ sub: COLLEAGUE, username: 'berater.marxloh' });
    expect(res.headers['etag']).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(siteAudits()).toHaveLength(1);
    expect(siteAudits()[0]).toMatchObject({ action: 'today.read', detail: { count: 2 } });
  });

  it('answers 304 without a body (and without an audit entry) while the ETag holds, 200 when it changed', async () => {
    ddb.on(QueryCommand).resolves({ Items: agenda() });
    const first = await today();
    const again = (await todayHandler(event({ path: '/api/staff/today', headers: { 'if-none-match': first.headers['etag']! } }), lambdaContext)) as any;
    expect(again.statusCode).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers.etag).toBe(first.headers['etag']);
    expect(checkResponse(GetToday, again).status).toBe(304);
    expect((await today({ 'if-none-match': `W/${first.headers['etag']}, "other"` })).status).toBe(304);
    expect(siteAudits()).toHaveLength(1);

    ddb.on(QueryCommand).resolves({ Items: agenda().slice(1) });
    const changed = await today({ 'if-none-match': first.headers['etag']! });
    expect(changed.status).toBe(200);
    expect(changed.headers['etag']).not.toBe(first.headers['etag']);
  });

  it('never shows an entry whose profile belongs to another site, and refuses coordinators', async () => {
    ddb.on(QueryCommand).resolves({ Items: [profile({ site: 'hochfeld', followUp: due(ago(1)) })] });
    expect((await today()).body.waiting).toEqual([]);
    ddb.reset();
    expect((await today({}, COORDINATOR)).status).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('POST /api/staff/participants/{id}/assign', () => {
  const assign = (body: unknown, claims: Record<string, string> = LEAD) =>
    call(AssignParticipant, assignHandler as Handler, event({ method: 'POST', path: '/api/staff/participants/{id}/assign', params: { id: ID }, body, claims }));
  const member = { sub: COLLEAGUE, username: 'berater.marxloh', role: 'staff', site: 'marxloh', firstSeenAt: 'a', lastSeenAt: 'b', lastSeenDay: '2026-11-29' };

  it('lets a lead assign a staff member of the site on the version seen: the assignment index moves, the trail records it', async () => {
    onGet({ PARTICIPANT: profile({ version: 3 }), SITE: member });
    ddb.on(UpdateCommand).callsFake((input: any) =>
      input.Key.SK === 'PROFILE' ? { Attributes: profile({ version: 4, assignedTo: input.ExpressionAttributeValues[':a'] }) } : {},
    );
    const res = await assign({ version: 3, assignedTo: COLLEAGUE });
    expect(res).toMatchObject({ status: 200, body: { id: ID, version: 4, assignedTo: { sub: COLLEAGUE, username: 'berater.marxloh' } } });
    const write = updates().find((u) => u.Key!['SK'] === 'PROFILE')!;
    expect(write.ConditionExpression).toContain('version = :version');
    expect(write.ExpressionAttributeValues).toMatchObject({ ':version': 3, ':site': 'marxloh', ':gpk': `SITE#marxloh#ASSIGNED#${COLLEAGUE}`, ':gsk': `2026-11-26T09:00:00.000Z#${ID}` });
    expect(puts().find((i) => i['type'] === 'Audit')).toMatchObject({ PK: `PARTICIPANT#${ID}`, action: 'participant.assigned', role: 'lead', detail: { assignedTo: COLLEAGUE } });
  });

  it('unassigns with null (the index keys are removed)', async () => {
    onGet({ PARTICIPANT: profile({ version: 3 }) });
    ddb.on(UpdateCommand).resolves({ Attributes: profile({ version: 4 }) });
    expect((await assign({ version: 3, assignedTo: null })).body.assignedTo).toBeNull();
    expect(updates()[0]!.UpdateExpression).toMatch(/REMOVE assignedTo, #gpk, #gsk/);
    expect(puts()[0]).toMatchObject({ action: 'participant.unassigned' });
  });

  it('answers a stale version 409, another site 404, an unknown assignee 400, staff and coordinators 403', async () => {
    onGet({ PARTICIPANT: profile({ version: 4 }), SITE: member });
    expect((await assign({ version: 3, assignedTo: COLLEAGUE })).body.code).toBe('version_conflict');
    onGet({ PARTICIPANT: profile({ version: 3 }), SITE: member });
    ddb.on(UpdateCommand).callsFake((input: any) => {
      if (input.Key.SK === 'PROFILE') throw conditionFailed();
      return {};
    });
    // Someone was quicker between the read and the write: the fresh read tells the version moved.
    ddb.on(GetCommand).callsFake((input: any) => ({ Item: input.Key.PK.startsWith('SITE#') ? member : profile({ version: ddb.commandCalls(UpdateCommand).length ? 4 : 3 }) }));
    expect((await assign({ version: 3, assignedTo: COLLEAGUE })).status).toBe(409);
    onGet({ PARTICIPANT: profile({ site: 'hochfeld', version: 3 }), SITE: member });
    expect((await assign({ version: 3, assignedTo: COLLEAGUE })).status).toBe(404);
    onGet({ PARTICIPANT: profile({ version: 3 }) });
    const unknown = await assign({ version: 3, assignedTo: COLLEAGUE });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'assignedTo', code: 'invalid_option' });
    ddb.reset();
    expect((await assign({ version: 3, assignedTo: COLLEAGUE }, { 'cognito:groups': '[staff]' })).status).toBe(403);
    expect((await assign({ version: 3, assignedTo: COLLEAGUE }, COORDINATOR)).status).toBe(403);
    expect((await assign({ version: 3, assignedTo: 'not-a-sub' })).status).toBe(400);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('POST /api/staff/participants/{id}/transfer', () => {
  const transfer = (body: unknown, claims: Record<string, string> = LEAD) =>
    call(TransferParticipant, transferHandler as Handler, event({ method: 'POST', path: '/api/staff/participants/{id}/transfer', params: { id: ID }, body, claims }));
  const waiting = (extra: Record<string, unknown> = {}) =>
    profile({ version: 3, followUp: { reminderDueAt: '2026-11-27T23:00:00.000Z', escalationDueAt: '2026-12-02T23:00:00.000Z' }, assignedTo: { sub: COLLEAGUE, username: 'b', assignedAt: 'x', assignedBy: ME }, ...extra });

  it('moves the participant and its index keys in one conditional write, moves the name entries, audits, and tells the new lead', async () => {
    onGet({ PARTICIPANT: waiting() });
    ddb.on(UpdateCommand).callsFake((input: any) => (input.Key.SK === 'PROFILE' ? { Attributes: waiting({ site: 'hochfeld', version: 4 }) } : {}));
    const res = await transfer({ version: 3, toSite: 'hochfeld' });
    expect(res).toMatchObject({ status: 200, body: { id: ID, site: 'hochfeld', version: 4 } });
    const write = updates().find((u) => u.Key!['SK'] === 'PROFILE')!;
    expect(write.ConditionExpression).toMatch(/site = :site AND version = :version/);
    expect(write.ExpressionAttributeValues).toMatchObject({
      ':to': 'hochfeld',
      ':site': 'marxloh',
      ':version': 3,
      ':g1': 'SITE#hochfeld',
      ':g2': 'SITE#hochfeld#STATUS#new',
      ':apk': 'SITE#hochfeld#AGENDA',
      ':ask': `2026-11-27T23:00:00.000Z#intake#${ID}`,
    });
    expect(write.UpdateExpression).toMatch(/REMOVE GSI5PK, GSI5SK, assignedTo$/);
    const names = updates().filter((u) => String(u.Key!['SK']).startsWith('NAME#'));
    expect(names.map((u) => u.Key!['SK']).sort()).toEqual(['NAME#beispielfrau#jana', 'NAME#jana#beispielfrau']);
    expect(names.every((u) => u.ExpressionAttributeValues![':pk'] === 'SITE#hochfeld#NAME')).toBe(true);
    expect(puts().find((i) => i['type'] === 'Audit')).toMatchObject({ action: 'participant.transferred', detail: { fromSite: 'marxloh', toSite: 'hochfeld' } });
    const mail = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(mail.Destination?.ToAddresses).toEqual(['lead-hochfeld@biwaq.example']);
    const text = `${mail.Content?.Simple?.Subject?.Data} ${mail.Content?.Simple?.Body?.Text?.Data}`;
    expect(text).toContain('AB12-CD34');
    expect(text).toContain(`/console/participants/${ID}`);
    for (const personal of ['Jana', 'Beispielfrau', 'example.org', '47169', '1987', '0203']) expect(text).not.toContain(personal);
  });

  it('refuses the own site or an unknown one (400), a stale version (409), another site (404), staff and coordinators (403)', async () => {
    onGet({ PARTICIPANT: waiting() });
    expect((await transfer({ version: 3, toSite: 'marxloh' })).body.errors[0]).toMatchObject({ path: 'toSite', code: 'invalid_option' });
    expect((await transfer({ version: 3, toSite: 'ruhrort' })).status).toBe(400);
    expect((await transfer({ version: 2, toSite: 'hochfeld' })).body.code).toBe('version_conflict');
    onGet({ PARTICIPANT: waiting({ site: 'hochfeld' }) });
    expect((await transfer({ version: 3, toSite: 'marxloh' })).status).toBe(404);
    expect(updates().filter((u) => u.Key!['SK'] === 'PROFILE')).toHaveLength(0);
    ddb.reset();
    expect((await transfer({ version: 3, toSite: 'hochfeld' }, { 'cognito:groups': '[staff]' })).status).toBe(403);
    expect((await transfer({ version: 3, toSite: 'hochfeld' }, COORDINATOR)).status).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
    expect(ses.calls()).toHaveLength(0);
  });

  it('reads again and retries when the follow-up was scheduled between its read and its write', async () => {
    let reads = 0;
    ddb.on(GetCommand).callsFake(() => ({ Item: ++reads === 1 ? waiting({ followUp: undefined }) : waiting() }));
    let writes = 0;
    ddb.on(UpdateCommand).callsFake((input: any) => {
      if (input.Key.SK !== 'PROFILE') return {};
      if (++writes === 1) throw conditionFailed();
      return { Attributes: waiting({ site: 'hochfeld', version: 4 }) };
    });
    expect((await transfer({ version: 3, toSite: 'hochfeld' })).status).toBe(200);
    // The transfer's own writes (the figures' steps that follow write `figures` only).
    const profileWrites = updates().filter((u) => u.Key!['SK'] === 'PROFILE' && !u.UpdateExpression!.startsWith('SET figures'));
    expect(profileWrites.map((u) => u.ConditionExpression!.split(' AND ').at(-1))).toEqual(['attribute_not_exists(followUp)', 'attribute_exists(followUp)']);
  });
});

describe('GET /api/staff/team', () => {
  it("lists the site's directory with each member's open assignments (a COUNT Query per member)", async () => {
    ddb.on(QueryCommand).callsFake((input: any) =>
      input.Select === 'COUNT'
        ? { Count: input.ExpressionAttributeValues[':pk'].endsWith(COLLEAGUE) ? 2 : 0 }
        : {
            Items: [
              { PK: 'SITE#marxloh#STAFF', SK: `STAFF#${ME}`, type: 'StaffMember', sub: ME, username: 'leitung.marxloh', role: 'lead', site: 'marxloh', firstSeenAt: 'a', lastSeenAt: 'b', lastSeenDay: 'c' },
              { PK: 'SITE#marxloh#STAFF', SK: `STAFF#${COLLEAGUE}`, type: 'StaffMember', sub: COLLEAGUE, username: 'berater.marxloh', role: 'staff', site: 'marxloh', firstSeenAt: 'a', lastSeenAt: 'b', lastSeenDay: 'c' },
            ],
          },
    );
    const res = await call(GetTeam, teamHandler as Handler, event({ path: '/api/staff/team', claims: LEAD }));
    expect(res.body).toEqual({
      site: { id: 'marxloh', name: 'BIWAQ Marxloh' },
      items: [
        { sub: COLLEAGUE, username: 'berater.marxloh', role: 'staff', firstSeenAt: 'a', lastSeenAt: 'b', assigned: 2 },
        { sub: ME, username: 'leitung.marxloh', role: 'lead', firstSeenAt: 'a', lastSeenAt: 'b', assigned: 0 },
      ],
    });
    const queries = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(queries[0]!.ExpressionAttributeValues).toEqual({ ':pk': 'SITE#marxloh#STAFF' });
    expect(queries.slice(1).every((q) => q.IndexName === 'GSI5' && q.Select === 'COUNT' && q.FilterExpression === '#status <> :withdrawn')).toBe(true);
  });

  it('is for leads: staff and coordinators get 403', async () => {
    expect((await call(GetTeam, teamHandler as Handler, event({ path: '/api/staff/team' }))).status).toBe(403);
    expect((await call(GetTeam, teamHandler as Handler, event({ path: '/api/staff/team', claims: COORDINATOR }))).status).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /api/staff/participants: the list', () => {
  const list = (query: Record<string, string>) => call(ListParticipants, listHandler as Handler, event({ path: '/api/staff/participants', query }));

  it('filters "mine" with one Query on the assignment index (a status then filters) and audits the read', async () => {
    ddb.on(QueryCommand).resolves({ Items: [profile({ assignedTo: { sub: ME, username: 'berater.marxloh', assignedAt: 'x', assignedBy: COLLEAGUE } })] });
    const res = await list({ assignedTo: 'me', status: 'new' });
    expect(res.body.items[0].assignedTo).toEqual({ sub: ME, username: 'berater.marxloh' });
    const queries = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({ IndexName: 'GSI5', FilterExpression: '#status = :status', ExpressionAttributeValues: { ':pk': `SITE#marxloh#ASSIGNED#${ME}`, ':status': 'new' } });
    expect(siteAudits()[0]).toMatchObject({ action: 'participants.list', detail: { status: 'new', assignedTo: ME, page: 'first', count: 1 } });
    expect(JSON.stringify(siteAudits())).not.toMatch(/Beispielfrau|Jana/);
  });

  it('refuses an assignee that is not a subject id', async () => {
    expect((await list({ assignedTo: 'berater.marxloh' })).status).toBe(400);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('the staff directory', () => {
  it('records the caller (sub, sign-in name, role) with one conditional write, at most once a day per warm function', async () => {
    const sub = '9d9d9d9d-3333-4c3c-9d3d-000000000009';
    ddb.on(QueryCommand).resolves({ Items: [] });
    const e = event({ path: '/api/staff/today', claims: { sub, 'cognito:username': 'neu.marxloh' } });
    await todayHandler(e, lambdaContext);
    const entry = updates().filter((u) => u.Key!['PK'] === 'SITE#marxloh#STAFF');
    expect(entry).toHaveLength(1);
    expect(entry[0]!.Key).toEqual({ PK: 'SITE#marxloh#STAFF', SK: `STAFF#${sub}` });
    expect(entry[0]!.ConditionExpression).toContain('lastSeenDay <> :day');
    expect(entry[0]!.ExpressionAttributeValues).toMatchObject({ ':sub': sub, ':u': 'neu.marxloh', ':r': 'staff', ':site': 'marxloh' });
    await todayHandler(e, lambdaContext);
    expect(updates().filter((u) => u.Key!['PK'] === 'SITE#marxloh#STAFF')).toHaveLength(1);
  });

  it('never fails the request when the directory write fails', async () => {
    const sub = '9d9d9d9d-3333-4c3c-9d3d-00000000000a';
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(UpdateCommand).rejects(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));
    const res = await call(GetToday, todayHandler as Handler, event({ path: '/api/staff/today', claims: { sub } }));
    expect(res.status).toBe(200);
  });
});
