import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../functions/public/post-intake.js';
import { DATA_NOTICE_VERSION } from '../../schemas/intake.js';
import { PostIntake } from '../../schemas/routes/intake.js';
import { checkResponse } from '../contract.js';
import { intakeEvent, lambdaContext, readEvent, validIntake } from '../fixtures.js';

const ddb = mockClient(DynamoDBDocumentClient);

async function call(event: APIGatewayProxyEventV2) {
  return checkResponse(PostIntake, await handler(event, lambdaContext));
}

beforeEach(() => {
  ddb.reset();
  ddb.on(PutCommand).resolves({});
});

describe('POST /api/intake', () => {
  it('accepts the sample event with one conditional write and a readable reference', async () => {
    const res = await call(readEvent('post-intake-valid.json'));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ reference: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/) });
    expect(res.headers['cache-control']).toBe('no-store');
    const puts = ddb.commandCalls(PutCommand);
    expect(puts).toHaveLength(1);
    const input = puts[0]!.args[0].input;
    expect(input.ConditionExpression).toContain('attribute_not_exists(PK)');
    expect(input.Item).toMatchObject({ SK: 'SUBMISSION', status: 'received', site: 'marxloh', lang: 'de', reference: res.body.reference });
    expect(input.Item?.['entry'].person.lastName).toBe('Beispielfrau');
  });

  it('stores each consent with the notice version and the time it was given', async () => {
    const at = new Date();
    const plain = await call(intakeEvent(validIntake()));
    expect(plain.status).toBe(202);
    const first = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!['consent'];
    expect(first).toEqual({ noticeVersion: DATA_NOTICE_VERSION, acceptedAt: expect.any(String) });
    expect(Math.abs(Date.parse(first.acceptedAt) - at.getTime())).toBeLessThan(60_000);

    // The separate Art. 9 consent to the special categories: its own record, with version and time.
    const body = validIntake();
    body.part2.disability = 'yes';
    body.consent.specialCategories = true;
    expect((await call(intakeEvent(body))).status).toBe(202);
    const second = ddb.commandCalls(PutCommand)[1]!.args[0].input.Item!;
    expect(second['consent']).toEqual({ noticeVersion: DATA_NOTICE_VERSION, acceptedAt: second['receivedAt'], specialCategories: { noticeVersion: DATA_NOTICE_VERSION, acceptedAt: second['receivedAt'] } });
    expect(second['entry'].part2.disability).toBe('yes');

    // Without it, a disability answer is refused at its own field, translated; nothing is written.
    body.consent.specialCategories = false;
    const refused = await call(intakeEvent(body));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toContainEqual({ path: 'consent.specialCategories', code: 'special_consent_required', message: expect.stringContaining('Ich möchte nicht antworten') });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(2);
  });

  it('answers 400 with translated field errors, and writes nothing', async () => {
    const res = await call(readEvent('post-intake-invalid.json'));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
    const byPath = Object.fromEntries(res.body.errors.map((e: any) => [e.path, e]));
    expect(byPath['contact.email']).toEqual({ path: 'contact.email', code: 'invalid_email', message: expect.stringContaining('E-Mail') });
    expect(byPath['person.firstName'].code).toBe('control_chars');
    expect(byPath['extra'].code).toBe('unknown_field');
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers in the language of the form', async () => {
    const body = validIntake();
    body.lang = 'ar';
    body.contact.email = 'falsch';
    const res = await call(intakeEvent(body));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/[\u0600-\u06FF]/);
  });

  it.each([
    ['malformed JSON', readEvent('post-intake-malformed.json'), 400, 'invalid_json'],
    ['text/plain', readEvent('post-intake-wrong-type.json'), 415, 'unsupported_media_type'],
    ['no content type', { ...intakeEvent(validIntake()), headers: {} }, 415, 'unsupported_media_type'],
    ['a latin-1 charset', intakeEvent(validIntake(), { 'content-type': 'application/json; charset=latin1' }), 415, 'unsupported_media_type'],
    ['a body over 32 KB', intakeEvent({ ...validIntake(), website: '' , pad: 'x'.repeat(33 * 1024) }), 413, 'body_too_large'],
    ['__proto__', intakeEvent('{"__proto__": {"admin": true}, "lang": "de"}'), 400, 'forbidden_key'],
    ['nested constructor', intakeEvent('{"person": {"constructor": {"prototype": {}}}}'), 400, 'forbidden_key'],
    ['an empty body', intakeEvent(''), 400, 'invalid_json'],
    ['JSON null', intakeEvent('null'), 400, 'invalid_request'],
    ['a JSON array', intakeEvent('[1,2]'), 400, 'invalid_request'],
    ['a bad idempotency key', intakeEvent(validIntake(), { 'idempotency-key': 'short' }), 400, 'invalid_idempotency_key'],
    ['a newline in the idempotency key', intakeEvent(validIntake(), { 'idempotency-key': 'abcdefgh\nijk' }), 400, 'invalid_idempotency_key'],
  ])('refuses %s with %i and writes nothing', async (_name, event, status, code) => {
    const res = await call(event as APIGatewayProxyEventV2);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.message).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|Error:/);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('accepts a quoted UTF-8 charset', async () => {
    expect((await call(intakeEvent(validIntake(), { 'content-type': 'application/json; charset="UTF-8"' }))).status).toBe(202);
  });

  it('decodes a base64 body', async () => {
    const event = intakeEvent(validIntake());
    const res = await call({ ...event, body: Buffer.from(event.body!, 'utf8').toString('base64'), isBase64Encoded: true });
    expect(res.status).toBe(202);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const res = await call(intakeEvent({ ...validIntake(), website: 'http://spam.example' }));
    expect(res.status).toBe(202);
    expect(Object.keys(res.body)).toEqual(['reference']);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('replays a retry with the same Idempotency-Key: the first reference, nothing new', async () => {
    const first = await call(intakeEvent(validIntake(), { 'idempotency-key': 'retry-key-0001' }));
    const stored = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: stored });
    const again = await call(intakeEvent(validIntake(), { 'idempotency-key': 'retry-key-0001' }));
    expect(again).toEqual(first);
  });

  it('refuses the same Idempotency-Key with a different body', async () => {
    await call(intakeEvent(validIntake(), { 'idempotency-key': 'retry-key-0002' }));
    const stored = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: stored });
    const other = validIntake();
    other.person.firstName = 'Janina';
    const res = await call(intakeEvent(other, { 'idempotency-key': 'retry-key-0002' }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('idempotency_key_reused');
  });

  it('hides infrastructure failures behind a plain 500', async () => {
    ddb.on(PutCommand).rejects(new Error('connect ECONNREFUSED 10.0.0.1:443 table biwaq-test'));
    const res = await call(intakeEvent(validIntake()));
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 'server_error', message: expect.any(String) });
  });
});
