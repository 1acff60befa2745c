import type { RouteContract } from '../schemas/http/contract.js';
import * as R from '../schemas/routes/index.js';

/**
 * The one route table: each route's contract (schemas/routes/), the handler module that answers
 * it, and what that function may touch. CDK builds the HTTP API from it (constructs/api.ts), the
 * local cloud serves the same routes with the same modules (local/api-server.ts), the WAF's rate
 * rule and the local limiter guard the routes marked `rateLimited`. Which workflows a route may
 * start, read, stop or call back on is declared by each workflow (workflow-specs.ts).
 */

export { matchPath } from '../schemas/http/contract.js';

/** What a function may touch besides workflows; CDK turns each into a least-privilege grant. */
export type Access = 'table:read' | 'table:write' | 'mail:send';

export interface RouteSpec {
  /** Construct id of the route's function: the contract's id. */
  id: string;
  method: RouteContract['method'];
  path: string;
  /** `public` routes have no authorizer; `staff` routes sit behind the JWT authorizer. */
  auth: RouteContract['auth']['kind'];
  contract: RouteContract;
  /** Handler module (exports `handler`), relative to the repository root. */
  entry: string;
  access: Access[];
  /** Per-client rate limit (WAF on AWS, an in-process limiter locally). */
  rateLimited?: boolean;
}

const route = (contract: RouteContract, entry: string, access: Access[], extra: Partial<RouteSpec> = {}): RouteSpec => ({
  id: contract.id,
  method: contract.method,
  path: contract.path,
  auth: contract.auth.kind,
  contract,
  entry,
  access,
  ...extra,
});

export const ROUTES: RouteSpec[] = [
  route(R.GetHealth, 'functions/public/get-health.ts', []),
  route(R.GetIntakeForm, 'functions/public/get-intake-form.ts', []),
  route(R.PostIntake, 'functions/public/post-intake.ts', ['table:write', 'table:read'], { rateLimited: true }),
  // Every staff route records its caller in the site's staff directory (a write, once a day per
  // user), and every read of a list or a record is audited (a write).
  route(R.GetStaffMe, 'functions/staff/get-me.ts', ['table:write']),
  route(R.ListParticipants, 'functions/staff/list-participants.ts', ['table:read', 'table:write']),
  // Static paths before `{id}`: the local server matches in this order (API Gateway prefers static ones).
  route(R.SearchParticipants, 'functions/staff/search-participants.ts', ['table:read', 'table:write']),
  route(R.GetToday, 'functions/staff/get-today.ts', ['table:read', 'table:write']),
  route(R.GetParticipant, 'functions/staff/get-participant.ts', ['table:read', 'table:write']),
  route(R.GetParticipantAudit, 'functions/staff/get-participant-audit.ts', ['table:read', 'table:write']),
  route(R.GetParticipantDataExport, 'functions/staff/get-data-export.ts', ['table:read', 'table:write']),
  route(R.GetParticipantDataExportDocument, 'functions/staff/get-data-export-document.ts', ['table:read', 'table:write']),
  route(R.RequestErasure, 'functions/staff/request-erasure.ts', ['table:read', 'table:write']),
  route(R.ReadRestrictedParticipant, 'functions/staff/read-restricted-participant.ts', ['table:read', 'table:write']),
  route(R.RecordFirstContact, 'functions/staff/record-contact.ts', ['table:read', 'table:write']),
  route(R.WithdrawParticipant, 'functions/staff/withdraw-participant.ts', ['table:read', 'table:write']),
  // The exit ends the participant's workflows (callers.stop in workflow-specs.ts) and moves the figures.
  route(R.ExitParticipant, 'functions/staff/exit-participant.ts', ['table:read', 'table:write']),
  route(R.CorrectExit, 'functions/staff/correct-exit.ts', ['table:read', 'table:write']),
  // The figures: reading settles what a crash left unsettled (writes); every export is audited (writes).
  route(R.GetKpis, 'functions/staff/get-kpis.ts', ['table:read', 'table:write']),
  route(R.GetKpisCsv, 'functions/staff/export-kpis-csv.ts', ['table:read', 'table:write']),
  route(R.GetKpisXlsx, 'functions/staff/export-kpis-xlsx.ts', ['table:read', 'table:write']),
  route(R.GetParticipantsCsv, 'functions/staff/export-participants-csv.ts', ['table:read', 'table:write']),
  route(R.AssignParticipant, 'functions/staff/assign-participant.ts', ['table:read', 'table:write']),
  // The receiving site's lead gets a notice.
  route(R.TransferParticipant, 'functions/staff/transfer-participant.ts', ['table:read', 'table:write', 'mail:send']),
  route(R.GetTeam, 'functions/staff/get-team.ts', ['table:read', 'table:write']),
  // Trial placements: reads are audited (writes); cancel and resend mail the employer.
  route(R.CreatePlacement, 'functions/staff/create-placement.ts', ['table:read', 'table:write']),
  route(R.ListPlacements, 'functions/staff/list-placements.ts', ['table:read', 'table:write']),
  route(R.GetPlacement, 'functions/staff/get-placement.ts', ['table:read', 'table:write']),
  route(R.CancelPlacement, 'functions/staff/cancel-placement.ts', ['table:read', 'table:write', 'mail:send']),
  route(R.ResendPlacementLink, 'functions/staff/resend-placement-link.ts', ['table:read', 'table:write', 'mail:send']),
  route(R.PostPlacementOutcome, 'functions/staff/record-placement-outcome.ts', ['table:read', 'table:write']),
  // Recognition cases: reads are audited (writes); opening one starts its workflow, changes wake it.
  route(R.CreateRecognitionCase, 'functions/staff/create-recognition-case.ts', ['table:read', 'table:write']),
  route(R.ListRecognitionCases, 'functions/staff/list-recognition-cases.ts', ['table:read', 'table:write']),
  route(R.GetRecognitionCase, 'functions/staff/get-recognition-case.ts', ['table:read', 'table:write']),
  route(R.OpenRecognitionCase, 'functions/staff/open-recognition-case.ts', ['table:read', 'table:write']),
  route(R.UpdateRecognitionDocuments, 'functions/staff/update-recognition-documents.ts', ['table:read', 'table:write']),
  route(R.PostRecognitionEvent, 'functions/staff/post-recognition-event.ts', ['table:read', 'table:write']),
  route(R.PostRecognitionCost, 'functions/staff/post-recognition-cost.ts', ['table:read', 'table:write']),
  // The employer's pages behind an e-mail link: a GET (and HEAD) only reads; the POST writes once and calls back the workflow.
  route(R.GetEmployerPage, 'functions/employer/get-page.ts', ['table:read']),
  route(R.PostEmployerPage, 'functions/employer/post-page.ts', ['table:read', 'table:write']),
  route(R.GetDataNotice, 'functions/public/get-data-notice.ts', []),
];

export function routeById(id: string): RouteSpec | undefined {
  return ROUTES.find((r) => r.id === id);
}
