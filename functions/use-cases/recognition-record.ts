import { isRecognitionDraft } from '../../schemas/model/recognition.js';
import type { RecognitionListQuery } from '../../schemas/recognition.js';
import { appendAudit, appendSiteAudit } from '../data/audit.js';
import { decodeRecognitionCursor, encodeCursor, type ListPosition } from '../data/cursor.js';
import { getRecognition, listRecognitionPage } from '../data/recognition-cases.js';
import { InvalidCursor, NotFound } from '../domain/errors.js';
import { recognitionDetail, recognitionSummary, type RecognitionSummary } from '../domain/recognition-views.js';
import type { SitePrincipal } from '../lib/principal.js';
import { recognitionWorkflow } from './recognition-workflow.js';
import { visibleTo } from '../domain/erasure.js';

/** Reading recognition cases: a page of the site's, or one in full. Both are audited before the data leaves. */

export const RECOGNITION_PAGE = 25;
/** How many items one list request looks at at most while filtering (then it answers with a cursor). */
const MAX_EXAMINED = 400;

function matches(s: RecognitionSummary, q: RecognitionListQuery): boolean {
  if (q.state !== undefined && s.state !== q.state) return false;
  if (q.overdue !== undefined && s.overdue !== (q.overdue === 'true')) return false;
  if (q.body !== undefined && s.competentBody !== q.body) return false;
  return true;
}

/**
 * The site's cases, newest first, filtered on read by state, overdue and competent body (each
 * depends on today or needs no index of its own at a site's scale): pages of the listing are read
 * until 25 match or 400 were looked at; the cursor continues after the last one looked at.
 */
export async function listSiteRecognitionCases(me: SitePrincipal, q: RecognitionListQuery, now: Date = new Date()) {
  let after: ListPosition | undefined = q.cursor === undefined ? undefined : decodeRecognitionCursor(q.cursor);
  if (q.cursor !== undefined && !after) throw new InvalidCursor();
  const first = after === undefined;
  const items: RecognitionSummary[] = [];
  let examined = 0;
  let more = true;
  while (more && items.length < RECOGNITION_PAGE && examined < MAX_EXAMINED) {
    const page = await listRecognitionPage(me.site, { after, limit: 50 });
    more = page.more;
    for (const [i, { item, position }] of page.items.entries()) {
      examined++;
      after = position;
      const s = recognitionSummary(item, now);
      if (matches(s, q)) items.push(s);
      if (items.length === RECOGNITION_PAGE) {
        more = more || i < page.items.length - 1;
        break;
      }
    }
    if (page.items.length === 0) more = false;
  }
  await appendSiteAudit(me.site, {
    at: now.toISOString(),
    actor: me.sub,
    role: me.role,
    action: 'recognition.list',
    detail: { state: q.state ?? null, overdue: q.overdue ?? null, body: q.body ?? null, page: first ? 'first' : 'next', count: items.length },
  });
  return { items, cursor: more && after ? encodeCursor(after) : null };
}

/** One case for staff of its site (another site's is NotFound, like an unknown id). */
export async function readRecognitionCase(me: SitePrincipal, id: string, now: Date = new Date()) {
  const c = await getRecognition(id);
  if (!visibleTo(me, c)) throw new NotFound();
  await appendAudit(c.participantId, { at: now.toISOString(), actor: me.sub, role: me.role, action: 'recognition.read', detail: { caseId: c.id } });
  return recognitionDetail(c, now, isRecognitionDraft(c) ? null : await recognitionWorkflow(c, now));
}
