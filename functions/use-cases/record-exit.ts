import type { ExitCorrectionInput, ExitInput } from '../../schemas/exit-inputs.js';
import type { ExitRecord } from '../../schemas/model/exit.js';
import type { Participant } from '../../schemas/model/participant.js';
import { appendAudit } from '../data/audit.js';
import { writeExit, writeExitCorrection } from '../data/exits.js';
import { getParticipant } from '../data/participants.js';
import { InvalidInput, NotFound, StateConflict, VersionConflict } from '../domain/errors.js';
import { correctionRefusal, exitDateProblems, exitRefusal } from '../domain/exit-rules.js';
import { berlinDate } from '../domain/working-days.js';
import type { SitePrincipal } from '../lib/principal.js';
import { endWorkflows } from './end-workflows.js';
import { settleFigures } from './settle-figures.js';
import { retentionDueAt, visibleTo } from '../domain/erasure.js';
import { config } from '../lib/config.js';

/**
 * The exit and its correction: refused by the domain's rules (409 with the rule's code, 400 at the
 * date), one conditional write on the version the caller saw, an audit entry, the figures settled
 * (exactly once, docs/figures.md), and on the exit every running workflow of the participant ended.
 */
export async function recordExit(me: SitePrincipal, participantId: string, body: ExitInput | ExitCorrectionInput, kind: 'exit' | 'correction', now = new Date()) {
  const at = now.toISOString();
  const p = await getParticipant(participantId);
  if (!visibleTo(me, p)) throw new NotFound();
  if (p.version !== body.version) throw new VersionConflict();
  const refusal = kind === 'exit' ? exitRefusal(p) : correctionRefusal(p);
  if (refusal) throw new StateConflict(refusal);
  const problems = exitDateProblems(body.date, berlinDate(now), p.firstContact?.date);
  if (problems.length) throw new InvalidInput(problems);

  const exit = exitRecord(body, at, me.sub);
  const result = kind === 'exit' ? await writeExit(p.id, p.site, body.version, exit, at, retentionDueAt(p, body.date, config().funderRetentionEnd)) : await writeExitCorrection(p.id, p.site, body.version, exit, p.exit!, at);
  if (!result.ok) {
    if (result.reason === 'not_found') throw new NotFound();
    throw result.reason === 'version' ? new VersionConflict() : new StateConflict();
  }
  const saved = result.participant;
  const corrections = saved.exitHistory?.length ?? 0;
  await appendAudit(p.id, {
    at,
    actor: me.sub,
    role: me.role,
    action: kind === 'exit' ? 'participant.exited' : 'participant.exit_corrected',
    ...(kind === 'correction' ? { detail: { correction: corrections } } : {}),
  });
  await settleFigures(p.id, at);
  if (kind === 'exit') await endWorkflows(saved, now, 'participant exited');
  return { id: saved.id, status: saved.status, version: saved.version, updatedAt: saved.updatedAt, exit: saved.exit!, corrections };
}

function exitRecord(body: ExitInput | ExitCorrectionInput, at: string, by: string): ExitRecord {
  const { version: _v, ...fields } = body;
  const { reason, ...exit } = fields as typeof fields & { reason?: string };
  const clean = Object.fromEntries(Object.entries(exit).filter(([, v]) => v !== undefined && v !== '')) as Omit<ExitRecord, 'recordedAt' | 'recordedBy'>;
  return { ...clean, recordedAt: at, recordedBy: by, ...(reason ? { correctionReason: reason } : {}) };
}
