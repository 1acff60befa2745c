import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { linkHash } from '../../functions/domain/employer-links.js';
import { handler as getPage } from '../../functions/employer/get-page.js';
import { handler as postPage } from '../../functions/employer/post-page.js';
import { GetEmployerPage, PostEmployerPage } from '../../schemas/routes/index.js';
import { checkResponse } from '../contract.js';
import { lambdaContext, readEvent, storedPlacement } from '../fixtures.js';

/** The employer's pages with a mocked SDK: HTML answers checked against their contracts, headers, round trips. */
const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const LINK = 'L'.repeat(43);
const HASH = linkHash(LINK);
const ID = 'aaaabbbbccccddddeeeeffff00001111';
const CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const linkItem = (extra: Record<string, unknown> = {}) => ({ PK: `EMPLOYER_LINK#${HASH}`, SK: 'EMPLOYER_LINK', placementId: ID, site: 'marxloh', purpose: 'answer', issuedAt: 'x', validUntil: '2999-01-01T00:00:00.000Z', expiresAt: 32_000_000_000, ...extra });
const placement = (extra: Record<string, unknown> = {}) => ({ PK: `PLACEMENT#${ID}`, SK: 'PLACEMENT', type: 'Placement', ...storedPlacement({ linkHashes: new Set([HASH]), linkPurpose: 'answer', ...extra }) });
const onGet = (items: Record<string, Record<string, unknown> | undefined>) =>
  ddb.on(GetCommand).callsFake((input: { Key: { PK: string } }) => ({ Item: items[input.Key.PK.split('#')[0]!] }));
type Handler = (e: APIGatewayProxyEventV2, c: typeof lambdaContext) => Promise<unknown>;

const get = async (method: 'GET' | 'HEAD' = 'GET', linkId = LINK) => {
  const e = structuredClone(readEvent('get-employer-page.json')) as any;
  e.requestContext.http.method = method;
  e.pathParameters = { linkId };
  return checkResponse(GetEmployerPage, await (getPage as Handler)(e, lambdaContext));
};
const post = async (body: string, headers: Record<string, string | undefined> = {}) => {
  const e = structuredClone(readEvent('post-employer-page.json')) as any;
  e.body = body;
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) delete e.headers[k];
    else e.headers[k] = v;
  }
  return checkResponse(PostEmployerPage, await (postPage as Handler)(e, lambdaContext));
};

beforeEach(() => {
  ddb.reset();
  sfn.reset();
  ddb.on(PutCommand).resolves({});
  sfn.on(SendTaskSuccessCommand).resolves({});
});

describe('GET /p/{linkId}', () => {
  it('shows the placement as the employer sees it, with Confirm and Decline, and strict headers; it writes nothing', async () => {
    onGet({ EMPLOYER_LINK: linkItem(), PLACEMENT: placement({ employer: { name: 'Korn & <Söhne>', contactName: 'Frau Korn', email: 'k@x.example.org' }, tasks: 'Regale "einräumen"' }) });
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    expect(res.body).toContain('<html lang="de">');
    expect(res.body).toContain('name="viewport"');
    expect(res.body).toContain('<link rel="stylesheet" href="/employer.css">');
    expect(res.body).toContain('Jana');
    expect(res.body).not.toContain('AB12-CD34'); // no reference, no last name: the first name only
    expect(res.body).toContain('Korn &amp; &lt;Söhne&gt;');
    expect(res.body).toContain('Regale &quot;einräumen&quot;');
    expect(res.body).toContain('name="decision" value="confirm"');
    expect(res.body).toContain('name="decision" value="decline"');
    expect(res.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(res.body).toContain('Trial placement');
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(ddb.calls()).toHaveLength(2);
  });

  it('answers HEAD with the headers only, and changes nothing', async () => {
    onGet({ EMPLOYER_LINK: linkItem(), PLACEMENT: placement() });
    const res = await get('HEAD');
    expect(res).toMatchObject({ status: 200, body: '' });
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('shows the feedback form at the end', async () => {
    onGet({ EMPLOYER_LINK: linkItem({ purpose: 'feedback' }), PLACEMENT: placement({ status: 'confirmed', linkPurpose: 'feedback', answer: { decision: 'confirm', at: 'x' } }) });
    const res = await get();
    expect(res.status).toBe(200);
    for (const v of ['employment', 'apprenticeship', 'none']) expect(res.body).toContain(`name="outcome" value="${v}"`);
  });

  it.each([
    ['a forged link', () => onGet({}), 404, 'Link unbekannt'],
    ['a replaced link', () => onGet({ EMPLOYER_LINK: linkItem(), PLACEMENT: placement({ linkHashes: new Set(['other']) }) }), 410, 'Link ersetzt'],
    ['an expired link', () => onGet({ EMPLOYER_LINK: linkItem({ validUntil: '2020-01-01T00:00:00.000Z' }), PLACEMENT: placement() }), 410, 'Link abgelaufen'],
    ['an expired request', () => onGet({ EMPLOYER_LINK: linkItem(), PLACEMENT: placement({ status: 'expired' }) }), 410, 'Link abgelaufen'],
    ['a cancelled placement', () => onGet({ EMPLOYER_LINK: linkItem(), PLACEMENT: placement({ status: 'cancelled' }) }), 410, 'Erprobung abgesagt'],
    ['a used link', () => onGet({ EMPLOYER_LINK: linkItem(), PLACEMENT: placement({ status: 'confirmed', answer: { decision: 'confirm', at: '2027-03-02T09:00:00.000Z' } }) }), 409, 'Bereits beantwortet'],
  ])('answers %s with its page and the site team as contact', async (_what, setup, status, title) => {
    setup();
    const res = await get();
    expect(res.status).toBe(status);
    expect(res.body).toContain(title);
    expect(res.body).toContain('team-marxloh@biwaq.example');
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('answers a malformed link id with the unknown-link page without reading the table', async () => {
    const res = await get('GET', 'not-a-link');
    expect(res.status).toBe(404);
    expect(res.body).toContain('Link unbekannt');
    expect(ddb.calls()).toHaveLength(0);
    expect((await get('GET', 'x'.repeat(300))).status).toBe(404);
  });
});

describe('POST /p/{linkId}', () => {
  it('records the answer in two round trips and thanks the employer; a second post says it was answered', async () => {
    onGet({ EMPLOYER_LINK: linkItem(), PLACEMENT: placement({ status: 'declined', answer: { decision: 'decline', reason: 'Leider keine Kapazität', at: '2027-03-02T09:00:00.000Z' } }) });
    ddb.on(UpdateCommand).resolvesOnce({ Attributes: placement({ status: 'declined', answer: { decision: 'decline', reason: 'Leider keine Kapazität', at: 'x' }, taskToken: 't', tokenPurpose: 'answer' }) });
    const res = await post('decision=decline&reason=Leider+keine+Kapazit%C3%A4t');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Vielen Dank');
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(ddb.calls()).toHaveLength(2);
    expect(ddb.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues![':value']).toMatchObject({ decision: 'decline', reason: 'Leider keine Kapazität' });
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);

    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'c', $metadata: {} }));
    const again = await post('decision=confirm');
    expect(again.status).toBe(409);
    expect(again.body).toContain('Bereits beantwortet');
    expect(again.body).toContain('Absage');
  });

  it('refuses a post without our Origin (403 page), and takes `null` only with Sec-Fetch-Site same-origin', async () => {
    onGet({ EMPLOYER_LINK: linkItem(), PLACEMENT: placement() });
    for (const headers of [{ origin: undefined }, { origin: 'https://evil.example' }, { origin: 'null', 'sec-fetch-site': 'cross-site' }]) {
      const res = await post('decision=confirm', headers);
      expect(res.status).toBe(403);
      expect(res.body).toContain('Nicht angenommen');
    }
    expect(ddb.calls()).toHaveLength(0);
    ddb.on(UpdateCommand).resolves({ Attributes: placement({ status: 'confirmed', answer: { decision: 'confirm', at: 'x' } }) });
    expect((await post('decision=confirm', { origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('shows the form again with the problem for an incomplete form, and changes nothing', async () => {
    onGet({ EMPLOYER_LINK: linkItem({ purpose: 'feedback' }), PLACEMENT: placement({ status: 'confirmed', linkPurpose: 'feedback', answer: { decision: 'confirm', at: 'x' } }) });
    const noReason = await post('outcome=none');
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('role="alert"');
    expect(noReason.body).toContain('name="outcome"');
    expect((await post('decision=confirm')).status).toBe(400); // an answer on a feedback link
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it.each([
    ['JSON', { 'content-type': 'application/json' }, '{"decision":"confirm"}', 415],
    ['a field twice', {}, 'decision=confirm&decision=decline', 400],
    ['a prototype key', {}, '__proto__=x&decision=confirm', 400],
    ['an unknown field', {}, 'decision=confirm&admin=1', 400],
    ['a huge form', {}, `decision=confirm&reason=${'a'.repeat(9000)}`, 413],
  ])('answers %s with a page, never JSON', async (_what, headers, body, status) => {
    onGet({ EMPLOYER_LINK: linkItem(), PLACEMENT: placement() });
    const res = await post(body, headers);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
