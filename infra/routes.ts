/**
 * The one route table: CDK builds the HTTP API from it (infra/constructs/api.ts) and the local
 * cloud serves the same routes with the same handler modules (local/api-server.ts).
 */

/** What a function may touch; CDK turns each into a least-privilege grant. */
export type Access =
  | 'table:read'
  | 'table:write'
  | 'mail:send'
  | 'workflows:start'
  | 'workflows:read'
  | 'workflows:stop'
  | 'workflows:callback';

export interface RouteSpec {
  /** Construct id of the route's function (PascalCase). */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path, with `{param}` placeholders. */
  path: string;
  /** Handler module (exports `handler`), relative to the repository root. */
  entry: string;
  /** `public` routes have no authorizer; `staff` routes sit behind the JWT authorizer. */
  auth: 'public' | 'staff';
  access: Access[];
}

export const ROUTES: RouteSpec[] = [
  { id: 'GetHealth', method: 'GET', path: '/health', entry: 'functions/public/get-health.ts', auth: 'public', access: [] },
  {
    id: 'GetIntakeForm',
    method: 'GET',
    path: '/api/forms/intake',
    entry: 'functions/public/get-intake-form.ts',
    auth: 'public',
    access: [],
  },
  {
    id: 'PostIntake',
    method: 'POST',
    path: '/api/intake',
    entry: 'functions/public/post-intake.ts',
    auth: 'public',
    access: ['table:write', 'table:read'],
  },
  { id: 'GetStaffMe', method: 'GET', path: '/api/staff/me', entry: 'functions/staff/get-me.ts', auth: 'staff', access: [] },
  {
    id: 'ListParticipants',
    method: 'GET',
    path: '/api/staff/participants',
    entry: 'functions/staff/list-participants.ts',
    auth: 'staff',
    access: ['table:read'],
  },
  {
    id: 'GetParticipant',
    method: 'GET',
    path: '/api/staff/participants/{id}',
    entry: 'functions/staff/get-participant.ts',
    auth: 'staff',
    // Reads are audited (a write); the workflow state comes from Step Functions.
    access: ['table:read', 'table:write', 'workflows:read'],
  },
  {
    id: 'RecordFirstContact',
    method: 'POST',
    path: '/api/staff/participants/{id}/contact',
    entry: 'functions/staff/record-contact.ts',
    auth: 'staff',
    access: ['table:read', 'table:write', 'workflows:stop'],
  },
  {
    id: 'WithdrawParticipant',
    method: 'POST',
    path: '/api/staff/participants/{id}/withdraw',
    entry: 'functions/staff/withdraw-participant.ts',
    auth: 'staff',
    access: ['table:read', 'table:write', 'workflows:stop'],
  },
];

/** Matches a request path against a route path; returns the path parameters or undefined. */
export function matchPath(routePath: string, requestPath: string): Record<string, string> | undefined {
  const want = routePath.split('/');
  const got = requestPath.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith('{') && w.endsWith('}')) {
      if (!g) return undefined;
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}
