import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteContract } from '../schemas/http/contract.js';

/**
 * Checks a handler's answer against its route contract: the status must be one the contract
 * declares, and the body must parse with that status's (strict) schema — an extra field, such as
 * personal data a route should not return, fails the test. Returns status, parsed JSON, headers.
 */
export function checkResponse(contract: RouteContract, result: unknown) {
  const res = result as APIGatewayProxyStructuredResultV2;
  const status = res.statusCode ?? 200;
  const spec = contract.responses[status];
  if (!spec) throw new Error(`${contract.id} answered ${status}, which its contract does not declare`);
  const isJson = (spec.contentType ?? 'application/json') === 'application/json';
  if (!isJson && !String(res.headers?.['content-type'] ?? '').startsWith(spec.contentType!)) throw new Error(`${contract.id} ${status}: not ${spec.contentType}`);
  const body: any = res.body === undefined || res.body === '' ? (isJson ? null : '') : isJson ? JSON.parse(res.body) : res.body;
  if (spec.body) {
    const parsed = spec.body().safeParse(body);
    if (!parsed.success) {
      throw new Error(`${contract.id} ${status}: body does not match its contract: ${JSON.stringify(parsed.error.issues.map((i) => ({ path: i.path, code: i.code })))}`);
    }
  }
  return { status, body, headers: (res.headers ?? {}) as Record<string, string> };
}
