import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { ExecutionAlreadyExists, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as cancelHandler } from '../../functions/staff/cancel-placement.js';
import { handler as createHandler } from '../../functions/staff/create-placement.js';
import { handler as getHandler } from '../../functions/staff/get-placement.js';
import { handler as listHandler } from '../../functions/staff/list-placements.js';
import { handler as outcomeHandler } from '../../functions/staff/record-placement-outcome.js';
import { handler as resendHandler } from '../../functions/staff/resend-placement-link.js';
import { berlinDate } from '../../functions/domain/working-days.js';
import type { RouteContract } from '../../schemas/http/contract.js';
import { CancelPlacement, CreatePlacement, GetPlacement, ListPlacements, PostPlacementOutcome, ResendPlacementLink } from '../../schemas/routes/index.js';
import { checkResponse } from '../contract.js';
import { lambdaContext, placementBody, staffEvent, storedParticipant, storedPlacement } from '../fixtures.js';

/** The staff routes of trial placements with a mocked SDK; every answer checked against its contract. */
const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const sfn = mockClient(SFNClient);
const STATE_MACHINE = 'arn:aws:states:eu-central-1:111122223333:stateMachine:TrialPlacement';
process.env['TRIAL_PLACEMENT_STATE_MACHINE_ARN'] = STATE_MACHINE;
const PID = '0123456789abcdef0123456789abcdef';
const ID = 'aaaabbbbccccddddeeeeffff00001111';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'condition', $metadata: {} });
const today = () => berlinDate(new Date());

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<unknown>;

const event = staffEvent;
const COORDINATOR = { 'cognito:groups': '[coordinator]', 'custom:site': '' };
const call = async (contract: RouteContract, h: Handler, e: APIGatewayProxyEventV2) => checkResponse(contract, await h(e, lambdaContext));

const participantItem = (extra: Record<string, unknown> = {}): Record<string, any> => ({ PK: `PARTICIPANT#${PID}`, SK: 'PROFILE', type: 'Participant', ...storedParticipant({ id: PID, ...extra }) });
const placementItem = (extra: Record<string, unknown> = {}) => ({ PK: `PLACEMENT#${ID}`, SK: 'PLACEMENT', type: 'Placement', ...storedPlacement(extra) });
const onGet = (items: Record<string, Record<string, unknown> | undefined>) =>
  ddb.on(GetCommand).callsFake((input: { Key: { PK: string } }) => ({ Item: items[input.Key.PK.split('#')[0]!] }));
const puts = () => ddb.commandCalls(PutCommand).map((c) => c.args[0].input);

beforeEach(() => {
  ddb.reset();
  ses.reset();
  sfn.reset();
  sfn.on(StartExecutionCommand).resolves({ executionArn: 'x' });
  sfn.on(StopExecutionCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'm' });
});

describe('POST /api/staff/placements', () => {
  const create = (body: unknown, opts: { claims?: Record<string, string>; key?: string } = {}) =>
    call(
      CreatePlacement,
      createHandler as Handler,
      event({ method: 'POST', path: '/api/staff/placements', body, claims: opts.claims, headers: opts.key ? { 'idempotency-key': opts.key } : {} }),
    );

  it('stores one placement with one conditional Put, listed, on the agenda, and answers 201 requested', async () => {
    onGet({ PARTICIPANT: participantItem() });
    const res = await create(placementBody(today()), { key: 'click-0001' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), version: 1, status: 'requested' });
    const put = puts().find((p) => p.Item?.['type'] === 'Placement')!;
    expect(put.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(put.Item).toMatchObject({
      PK: `PLACEMENT#${res.body.id}`,
      SK: 'PLACEMENT',
      GSI1PK: 'SITE#marxloh#PLACEMENTS',
      GSI2PK: 'SITE#marxloh#PLACEMENTS#STATUS#requested',
      GSI3PK: `PARTICIPANT#${PID}#PLACEMENTS`,
      GSI4PK: 'SITE#marxloh#AGENDA',
      GSI4SK: expect.stringMatching(/#placement\.answer#/),
      participantReference: 'AB12-CD34',
      participantFirstName: 'Jana',
      seriousObstacles: false,
      maxDays: 42,
    });
    // Of the participant only the reference and the first name: no last name, no contact.
    expect(JSON.stringify(put.Item)).not.toContain('Beispielfrau');
    // The workflow starts with the placement id only, named by it (a retry starts nothing twice).
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({ stateMachineArn: STATE_MACHINE, name: res.body.id, input: JSON.stringify({ placementId: res.body.id }) });
    // The request is audited in the participant's trail (a fixed key: a retry writes nothing new).
    expect(puts().find((p) => p.Item?.['type'] === 'Audit')?.Item).toMatchObject({ action: 'placement.requested', detail: { placementId: res.body.id } });
  });

  it('answers a double click (same Idempotency-Key, same body) with the same placement', async () => {
    onGet({ PARTICIPANT: participantItem() });
    const first = await create(placementBody(today()), { key: 'click-0002' });
    const stored = puts().find((p) => p.Item?.['type'] === 'Placement')!.Item!;
    ddb.on(PutCommand).callsFake((input: any) => {
      if (input.Item.type === 'Placement') throw conditionFailed();
      return {};
    });
    onGet({ PARTICIPANT: participantItem(), PLACEMENT: stored });
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    const second = await create(placementBody(today()), { key: 'click-0002' });
    expect(second).toMatchObject({ status: 201, body: first.body });
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name)).toEqual([first.body.id, first.body.id]);
    const other = await create(placementBody(today(), { role: 'Lager' }), { key: 'click-0002' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });

  it('refuses a placement longer than the cap with a translated 400 on endDate naming it', async () => {
    onGet({ PARTICIPANT: participantItem() });
    const body = placementBody(today());
    body.endDate = new Date(Date.parse(`${body.startDate}T00:00:00Z`) + 42 * 86_400_000).toISOString().slice(0, 10); // 43 days
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'endDate', code: 'placement_too_long', message: 'Eine Erprobung darf höchstens 42 Tage dauern (vom ersten bis zum letzten Tag).' }]);
    const english = await call(CreatePlacement, createHandler as Handler, event({ method: 'POST', path: '/api/staff/placements', body, headers: { 'accept-language': 'en' } }));
    expect(english.body.errors[0].message).toBe('A trial placement may last at most 42 days (from the first to the last day).');
    expect(puts()).toHaveLength(0);
  });

  it('allows 84 days for a long-term unemployed participant with serious obstacles, and no more', async () => {
    const ltu = participantItem();
    ltu.entry.employment.status = 'long_term_unemployed';
    onGet({ PARTICIPANT: ltu });
    const body = placementBody(today(), { seriousObstacles: true });
    const day = (n: number) => new Date(Date.parse(`${body.startDate}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    expect((await create({ ...body, endDate: day(83) })).status).toBe(201);
    const tooLong = await create({ ...body, endDate: day(84) });
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: 'endDate', code: 'placement_too_long', message: expect.stringContaining('84') })]);
    // Without serious obstacles the long-term unemployed get 42 as everyone.
    expect((await create({ ...body, seriousObstacles: false, endDate: day(42) })).body.errors[0].message).toContain('42');
  });

  it('refuses a start in the past and an end before the start', async () => {
    onGet({ PARTICIPANT: participantItem() });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const past = await create(placementBody(today(), { startDate: berlinDate(new Date(Date.now() - 86_400_000)), endDate: yesterday }));
    expect(past.status).toBe(400);
    expect(past.body.errors.map((e: any) => [e.path, e.code])).toContainEqual(['startDate', 'placement_start_in_past']);
    const body = placementBody(today());
    const backwards = await create({ ...body, endDate: body.startDate.replace(/\d\d$/, (d: string) => String(Number(d) - 1).padStart(2, '0')) });
    expect(backwards.body.errors).toEqual([expect.objectContaining({ path: 'endDate', code: 'placement_end_before_start' })]);
  });

  it('answers 409 for a withdrawn participant, 404 for another site\'s, 403 for a coordinator', async () => {
    onGet({ PARTICIPANT: participantItem({ status: 'withdrawn' }) });
    const withdrawn = await create(placementBody(today()));
    expect(withdrawn).toMatchObject({ status: 409, body: { code: 'participant_withdrawn' } });
    onGet({ PARTICIPANT: participantItem({ site: 'hochfeld' }) });
    expect((await create(placementBody(today()))).status).toBe(404);
    ddb.reset();
    expect((await create(placementBody(today()), { claims: COORDINATOR })).status).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 503 when the workflow cannot be started, so the console sends the same request again', async () => {
    onGet({ PARTICIPANT: participantItem() });
    sfn.on(StartExecutionCommand).rejects(new Error('service unavailable'));
    const res = await create(placementBody(today()), { key: 'click-0003' });
    expect(res).toMatchObject({ status: 503, body: { code: 'server_error' } });
  });

  it('refuses a body with a missing field or a bad Idempotency-Key', async () => {
    const body = placementBody(today());
    delete body['weeklyHours'];
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'weeklyHours', code: 'required' })]);
    expect((await create(placementBody(today()), { key: 'bad key!' })).body.code).toBe('invalid_idempotency_key');
  });
});

describe('GET /api/staff/placements', () => {
  it("queries the caller's site listing, or its status index, newest first", async () => {
    ddb.on(QueryCommand).resolves({ Items: [placementItem(), placementItem({ site: 'hochfeld' })] });
    const all = await call(ListPlacements, listHandler as Handler, event({ path: '/api/staff/placements' }));
    expect(all.body.items).toHaveLength(1); // another site's item never shows
    expect(all.body.items[0]).toMatchObject({ id: ID, employerName: 'Bäckerei Korn GmbH', participantReference: 'AB12-CD34' });
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({ IndexName: 'GSI1', ScanIndexForward: false, ExpressionAttributeValues: { ':pk': 'SITE#marxloh#PLACEMENTS' } });
    await call(ListPlacements, listHandler as Handler, event({ path: '/api/staff/placements', query: { status: 'confirmed' } }));
    expect(ddb.commandCalls(QueryCommand)[1]!.args[0].input).toMatchObject({ IndexName: 'GSI2', ExpressionAttributeValues: { ':pk': 'SITE#marxloh#PLACEMENTS#STATUS#confirmed' } });
    expect(puts().filter((p) => p.Item?.['type'] === 'SiteAudit').map((p) => p.Item!['action'])).toEqual(['placements.list', 'placements.list']);
  });

  it('refuses an unknown status, a forged cursor, and coordinators', async () => {
    expect((await call(ListPlacements, listHandler as Handler, event({ path: '/api/staff/placements', query: { status: 'open' } }))).status).toBe(400);
    expect((await call(ListPlacements, listHandler as Handler, event({ path: '/api/staff/placements', query: { cursor: 'eyJ4Ijo' } }))).body.code).toBe('invalid_cursor');
    expect((await call(ListPlacements, listHandler as Handler, event({ path: '/api/staff/placements', claims: COORDINATOR }))).status).toBe(403);
  });
});

describe('GET /api/staff/placements/{id}', () => {
  const get = (claims?: Record<string, string>) => call(GetPlacement, getHandler as Handler, event({ path: `/api/staff/placements/${ID}`, params: { id: ID }, claims }));

  it('shows the placement without its link hashes or task token, and audits the read', async () => {
    onGet({ PLACEMENT: placementItem({ linkHashes: new Set(['h1']), linkPurpose: 'answer', taskToken: 'secret-token', requestSentAt: '2027-02-15T09:00:01.000Z' }) });
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.body.placement).toMatchObject({ id: ID, status: 'requested', days: 12, linkPurpose: 'answer', answer: null });
    expect(res.body.participant).toEqual({ id: PID, reference: 'AB12-CD34' });
    expect(JSON.stringify(res.body)).not.toMatch(/secret-token|"h1"|contentHash/);
    expect(puts()[0]!.Item).toMatchObject({ PK: `PARTICIPANT#${PID}`, type: 'Audit', action: 'placement.read' });
  });

  it("answers another site's placement with 404 and a coordinator with 403", async () => {
    onGet({ PLACEMENT: placementItem({ site: 'hochfeld' }) });
    expect((await get()).status).toBe(404);
    expect(puts()).toHaveLength(0);
    expect((await get(COORDINATOR)).status).toBe(403);
  });
});

describe('POST /api/staff/placements/{id}/cancel and /resend', () => {
  const cancel = (body: unknown) => call(CancelPlacement, cancelHandler as Handler, event({ method: 'POST', path: `/api/staff/placements/${ID}/cancel`, params: { id: ID }, body }));
  const resend = (body: unknown) => call(ResendPlacementLink, resendHandler as Handler, event({ method: 'POST', path: `/api/staff/placements/${ID}/resend`, params: { id: ID }, body }));

  it('cancels on the version the caller saw and tells an employer who had been asked', async () => {
    const cancelled = placementItem({ status: 'cancelled', version: 2, requestSentAt: '2027-02-15T09:00:01.000Z', cancellation: { at: 'x', by: 'y', role: 'staff' } });
    ddb.on(UpdateCommand).resolvesOnce({ Attributes: cancelled }).resolves({});
    const res = await cancel({ version: 1, reason: 'Teilnehmerin krank' });
    expect(res).toMatchObject({ status: 200, body: { id: ID, status: 'cancelled', version: 2 } });
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.ConditionExpression).toContain('version = :version');
    expect(update.UpdateExpression).toMatch(/REMOVE GSI4PK, GSI4SK/);
    expect(sfn.commandCalls(StopExecutionCommand)[0]!.args[0].input.executionArn).toBe(`arn:aws:states:eu-central-1:111122223333:execution:TrialPlacement:${ID}`);
    const mail = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(mail.Destination?.ToAddresses).toEqual(['korn@baeckerei.example.org']);
    expect(mail.Content?.Simple?.Subject?.Data).toMatch(/^Abgesagt/);
    expect(mail.Content?.Simple?.Body?.Text?.Data).not.toContain('krank'); // the reason stays internal
  });

  it('answers a stale version with 409 version_conflict and a closed placement with status_conflict', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    onGet({ PLACEMENT: placementItem({ version: 2 }) });
    expect((await cancel({ version: 1 })).body.code).toBe('version_conflict');
    onGet({ PLACEMENT: placementItem({ status: 'declined' }) });
    expect((await cancel({ version: 1 })).body.code).toBe('status_conflict');
    onGet({ PLACEMENT: placementItem({ site: 'hochfeld' }) });
    expect((await cancel({ version: 1 })).status).toBe(404);
  });

  it('resends: a new link by mail, which replaces every earlier link', async () => {
    onGet({ PLACEMENT: placementItem({ linkHashes: new Set(['old']), linkPurpose: 'answer', requestSentAt: 'x' }) });
    ddb.on(UpdateCommand).resolves({ Attributes: placementItem({ version: 2, linkHashes: new Set(['new']), linkPurpose: 'answer' }) });
    const res = await resend({ version: 1 });
    expect(res).toMatchObject({ status: 200, body: { version: 2, status: 'requested' } });
    const link = puts().find((p) => p.Item?.['type'] === 'EmployerLink')!.Item!;
    expect(link).toMatchObject({ PK: expect.stringMatching(/^EMPLOYER_LINK#[0-9a-f]{64}$/), placementId: ID, purpose: 'answer', site: 'marxloh' });
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.UpdateExpression).toContain('SET linkHashes = :hashes');
    expect([...(update.ExpressionAttributeValues![':hashes'] as Set<string>)]).toEqual([String(link['PK']).replace('EMPLOYER_LINK#', '')]);
    const text = ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Content?.Simple?.Body?.Text?.Data ?? '';
    const id = /\/p\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    expect(id).toBeDefined();
    expect(JSON.stringify(ddb.calls().map((c) => c.args[0].input))).not.toContain(id!); // only its hash is stored
  });

  it('refuses a resend on a stale version or once the employer answered', async () => {
    onGet({ PLACEMENT: placementItem({ version: 3 }) });
    expect((await resend({ version: 2 })).body.code).toBe('version_conflict');
    onGet({ PLACEMENT: placementItem({ status: 'confirmed', answer: { decision: 'confirm', at: 'x' } }) });
    expect((await resend({ version: 1 })).body.code).toBe('status_conflict');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});

describe('POST /api/staff/placements/{id}/outcome', () => {
  const outcome = (body: unknown, claims?: Record<string, string>) =>
    call(PostPlacementOutcome, outcomeHandler as Handler, event({ method: 'POST', path: `/api/staff/placements/${ID}/outcome`, params: { id: ID }, body, claims }));

  it('completes the placement on the version seen, records the outcome at once and tells a waiting workflow', async () => {
    const completed = placementItem({ status: 'completed', version: 5, taskToken: 'tok', tokenPurpose: 'feedback', feedback: { outcome: 'employment', at: '2027-03-20T10:00:00.000Z', by: 'sub', role: 'staff' } });
    ddb.on(UpdateCommand).resolvesOnce({ Attributes: completed }).resolves({});
    onGet({ PLACEMENT: completed });
    sfn.on(SendTaskSuccessCommand).resolves({});
    const res = await outcome({ version: 4, outcome: 'employment' });
    expect(res).toMatchObject({ status: 200, body: { status: 'completed', version: 5 } });
    expect(ddb.commandCalls(UpdateCommand)[0]!.args[0].input.ConditionExpression).toContain('version = :version AND #status = :confirmed AND attribute_not_exists(feedback)');
    expect(puts().find((p) => p.Item?.['type'] === 'Audit')?.Item).toMatchObject({ action: 'placement.outcome', role: 'staff' });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({ taskToken: 'tok', output: '{"feedback":true}' });
  });

  it('wants a reason for "none", and refuses coordinators', async () => {
    const res = await outcome({ version: 1, outcome: 'none' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'reason', code: 'required' })]);
    expect((await outcome({ version: 1, outcome: 'employment' }, COORDINATOR)).status).toBe(403);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
