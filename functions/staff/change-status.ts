import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { ParticipantId } from '../../schemas/staff.js';
import { localise, problemsFromZod } from '../../schemas/validation-errors.js';
import { appendAudit, changeStatus, type StatusChange } from '../data/table.js';
import { badRequest, HttpError, json, notFound, requestLanguage, type HttpResult } from '../lib/http.js';
import { readJsonBody } from '../lib/json-body.js';
import { logger } from '../lib/logger.js';
import { principalOf, requireSiteStaff, type Principal } from '../lib/principal.js';
import { stopExecution } from '../data/workflows.js';

/**
 * Records a status change a staff member makes (first contact, withdrawal): validated input,
 * one conditional write on the version the caller saw (409 if someone was quicker), an audit
 * entry, and the end of the intake follow-up workflow. The follow-up's steps re-read the
 * status anyway, so a failed stop never sends a reminder that is no longer due.
 */
export async function changeParticipantStatus<S extends z.ZodMiniType<{ version: number }>>(
  event: APIGatewayProxyEventV2,
  schema: S,
  toChange: (input: z.output<S>, me: Principal, at: string) => StatusChange,
  action: string,
): Promise<HttpResult> {
  const me = requireSiteStaff(principalOf(event));
  const id = event.pathParameters?.['id'] ?? '';
  if (!ParticipantId.safeParse(id).success) throw notFound();
  const lang = requestLanguage(event);
  const body = readJsonBody(event, { maxBytes: 8 * 1024 });
  const parsed = schema.safeParse(body, { reportInput: true });
  if (!parsed.success) throw badRequest(localise(problemsFromZod(parsed.error.issues), lang), lang);
  const input = parsed.data as z.output<S>;

  const at = new Date().toISOString();
  const change = toChange(input, me, at);
  const result = await changeStatus(id, me.site, input.version, change, at);
  if (!result.ok) {
    if (result.reason === 'not_found') throw notFound();
    throw new HttpError(409, result.reason === 'version' ? 'version_conflict' : 'status_conflict', undefined, {}, lang);
  }
  await appendAudit(id, { at, actor: me.sub, role: me.role, action });

  const executionArn = result.participant.workflows?.intake;
  if (executionArn) {
    await stopExecution(executionArn, `participant ${change.status}`).catch((err: Error) =>
      logger.warn('follow-up not stopped', { participantId: id, error: err.name }),
    );
  }
  const p = result.participant;
  return json(200, { id: p.id, status: p.status, version: p.version, updatedAt: p.updatedAt });
}

