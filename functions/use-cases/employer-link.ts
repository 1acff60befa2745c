import type { EmployerLink, Placement } from '../../schemas/model/placement.js';
import { EmployerFormInput, EmployerReason } from '../../schemas/placement-inputs.js';
import type { LinkPurpose } from '../../schemas/placements.js';
import { problemsFromZod, type Problem } from '../../schemas/validation-errors.js';
import { getEmployerLink } from '../data/employer-links.js';
import { recordAnswer, recordFeedback } from '../data/placement-changes.js';
import { getPlacement } from '../data/placements.js';
import { sendTaskSuccess } from '../data/workflows.js';
import { isLinkId, linkHash } from '../domain/employer-links.js';
import { logger } from '../lib/logger.js';

/**
 * What an employer's link shows and does. A GET (or a mail scanner's HEAD) reads the link item
 * and the placement and changes nothing. A POST acts once, in at most two DynamoDB round trips
 * before it answers: Get the link item by hash, then one conditional Update of the placement
 * (answer or feedback, and the status; ALL_NEW also yields the stored task token). Then the
 * waiting workflow is told (SendTaskSuccess); if that fails — the token timed out into a
 * reminder, a service error — the recorded answer stands and the workflow takes it up at its
 * next step. Refusals read the placement once more to say why; nothing is changed.
 */

export type Refusal = 'unknown' | 'expired' | 'superseded' | 'cancelled' | 'closed' | 'answered';

export type LinkState =
  | { kind: 'unknown' }
  | { kind: Exclude<Refusal, 'unknown'>; purpose: LinkPurpose; placement: Placement }
  | { kind: 'open'; purpose: LinkPurpose; placement: Placement; link: EmployerLink };

export type PostResult =
  | LinkState
  | { kind: 'done'; purpose: LinkPurpose; placement: Placement }
  | { kind: 'invalid'; purpose: LinkPurpose; placement: Placement; problems: Problem[] };

/** Where a link stands, from its item and its placement (pure). */
export function classify(hash: string, link: EmployerLink | undefined, p: Placement | undefined, now: Date): LinkState {
  // A restricted person's placement takes no more answers (Art. 18): its link is as unknown.
  if (!link || !p || p.id !== link.placementId || p.site !== link.site || p.restricted) return { kind: 'unknown' };
  const purpose = link.purpose;
  const base = { purpose, placement: p };
  if (purpose === 'answer' ? p.answer : p.feedback) return { kind: 'answered', ...base };
  if (p.status === 'cancelled') return { kind: 'cancelled', ...base };
  if (purpose === 'answer' && p.status === 'expired') return { kind: 'expired', ...base };
  if (p.status !== (purpose === 'answer' ? 'requested' : 'confirmed')) return { kind: 'closed', ...base };
  if (p.linkPurpose !== purpose || !p.linkHashes?.has(hash)) return { kind: 'superseded', ...base };
  if (now.getTime() >= Date.parse(link.validUntil)) return { kind: 'expired', ...base };
  return { kind: 'open', ...base, link };
}

/** GET / HEAD: two reads, no write. */
export async function viewLink(linkId: string, now: Date = new Date()): Promise<LinkState> {
  if (!isLinkId(linkId)) return { kind: 'unknown' };
  const hash = linkHash(linkId);
  const link = await getEmployerLink(hash);
  if (!link) return { kind: 'unknown' };
  return classify(hash, link, await getPlacement(link.placementId), now);
}

/** The form's fields for the link's purpose: the answer (`decision`, `reason`) or the feedback (`outcome`, `reason`). */
export function readForm(purpose: LinkPurpose, raw: unknown): { ok: true; decision?: 'confirm' | 'decline'; outcome?: 'employment' | 'apprenticeship' | 'none'; reason?: string } | { ok: false; problems: Problem[] } {
  const parsed = EmployerFormInput.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error.issues) };
  const f = parsed.data;
  // A textarea may hold line breaks: one line is kept, as for every text we store.
  const reasonParsed = EmployerReason.safeParse((f.reason ?? '').replace(/\r\n|\r|\n/g, ' '));
  if (!reasonParsed.success) return { ok: false, problems: problemsFromZod(reasonParsed.error.issues).map((p) => ({ ...p, path: ['reason'] })) };
  const reason = reasonParsed.data || undefined;
  if (purpose === 'answer') {
    if (!f.decision || f.outcome) return { ok: false, problems: [{ path: ['decision'], code: 'required' }] };
    return { ok: true, decision: f.decision, ...(f.decision === 'decline' && reason ? { reason } : {}) };
  }
  if (!f.outcome || f.decision) return { ok: false, problems: [{ path: ['outcome'], code: 'required' }] };
  if (f.outcome === 'none' && !reason) return { ok: false, problems: [{ path: ['reason'], code: 'required' }] };
  return { ok: true, outcome: f.outcome, ...(reason ? { reason } : {}) };
}

/** POST: the employer's answer or feedback, recorded once. */
export async function actOnLink(linkId: string, raw: unknown, now: Date = new Date()): Promise<PostResult> {
  if (!isLinkId(linkId)) return { kind: 'unknown' };
  const hash = linkHash(linkId);
  const link = await getEmployerLink(hash); // round trip 1
  if (!link) return { kind: 'unknown' };
  const explain = async () => classify(hash, link, await getPlacement(link.placementId), now);
  if (now.getTime() >= Date.parse(link.validUntil)) return explain();

  const form = readForm(link.purpose, raw);
  if (!form.ok) {
    const state = await explain();
    return state.kind === 'open' ? { kind: 'invalid', purpose: link.purpose, placement: state.placement, problems: form.problems } : state;
  }
  const at = now.toISOString();
  const updated =
    link.purpose === 'answer' // round trip 2
      ? await recordAnswer(link.placementId, link.site, hash, { decision: form.decision!, ...(form.reason ? { reason: form.reason } : {}), at })
      : await recordFeedback(link.placementId, link.site, hash, { outcome: form.outcome!, ...(form.reason ? { reason: form.reason } : {}), at, by: 'employer' });
  if (!updated) {
    const state = await explain();
    return state.kind === 'open' ? { kind: 'unknown' } : state;
  }
  logger.info('employer answered', { placementId: updated.id, purpose: link.purpose });
  if (updated.taskToken && updated.tokenPurpose === link.purpose) {
    // Nothing personal in the output: the next step reads the placement.
    await sendTaskSuccess(updated.taskToken, { [link.purpose === 'answer' ? 'answered' : 'feedback']: true }).catch((err: Error) =>
      logger.warn('workflow not told of the employer\'s answer (it takes it up at its next step)', { placementId: updated.id, error: err.name }),
    );
  }
  return { kind: 'done', purpose: link.purpose, placement: updated };
}
