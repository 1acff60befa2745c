import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../functions/data/cursor.js';
import { listClaim, principalOf } from '../../functions/lib/principal.js';
import { DomainError } from '../../functions/domain/errors.js';
import { statusOf } from '../../functions/lib/errors.js';

// ID tokens, as the authorizer is configured for (an access token is refused: see below).
const event = (claims?: Record<string, unknown>) =>
  ({ requestContext: claims ? { authorizer: { jwt: { claims: { token_use: 'id', ...claims } } } } : {} }) as unknown as APIGatewayProxyEventV2;
const status = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (err) {
    return err instanceof DomainError ? statusOf(err) : 500;
  }
};

describe('principal from verified claims', () => {
  it('reads groups as API Gateway passes them ("[a b]") and as arrays', () => {
    expect(listClaim('[staff lead]')).toEqual(['staff', 'lead']);
    expect(listClaim(['coordinator'])).toEqual(['coordinator']);
    expect(listClaim('staff')).toEqual(['staff']);
    expect(listClaim(undefined)).toEqual([]);
  });

  it('gives the strongest role and binds staff and leads to a configured site', () => {
    expect(principalOf(event({ sub: 's1', 'cognito:groups': '[staff]', 'custom:site': 'marxloh' }))).toEqual({ sub: 's1', role: 'staff', site: 'marxloh' });
    expect(principalOf(event({ sub: 's2', 'cognito:groups': '[staff lead]', 'custom:site': 'hochfeld' })).role).toBe('lead');
    expect(principalOf(event({ sub: 's3', 'cognito:groups': '[coordinator]' }))).toEqual({ sub: 's3', role: 'coordinator' });
  });

  it('refuses missing claims (401), no role or an unknown site (403)', () => {
    expect(status(() => principalOf(event()))).toBe(401);
    expect(status(() => principalOf(event({ 'cognito:groups': '[staff]' })))).toBe(401);
    expect(status(() => principalOf(event({ sub: 'x', 'cognito:groups': '[]', 'custom:site': 'marxloh' })))).toBe(403);
    expect(status(() => principalOf(event({ sub: 'x', 'cognito:groups': '[staff]', 'custom:site': 'ruhrort' })))).toBe(403);
    expect(status(() => principalOf(event({ sub: 'x', 'cognito:groups': '[staff]' })))).toBe(403);
  });
});

describe('token kind', () => {
  it('accepts only ID tokens: an access token of the same pool and client is refused (401)', () => {
    const claims = { sub: 's1', 'cognito:groups': '[staff]', 'custom:site': 'marxloh' };
    expect(status(() => principalOf(event(claims)))).toBe(200);
    expect(status(() => principalOf(event({ ...claims, token_use: 'access' })))).toBe(401);
    expect(status(() => principalOf(event({ ...claims, token_use: undefined })))).toBe(401);
  });
});

describe('page cursors', () => {
  const position = { sortKey: `PARTICIPANT#2026-11-29T10:00:00.000Z#${'a'.repeat(32)}`, pk: `PARTICIPANT#${'a'.repeat(32)}` };

  it('round-trip', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuse anything that is not a position', () => {
    for (const bad of ['', 'x', Buffer.from('{}').toString('base64url'), Buffer.from('["SITE#x","PARTICIPANT#y"]').toString('base64url')])
      expect(decodeCursor(bad)).toBeUndefined();
  });
});
