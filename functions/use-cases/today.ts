import { agendaUpTo } from '../data/agenda.js';
import { appendSiteAudit } from '../data/audit.js';
import { agendaUntil, todayView } from '../domain/agenda.js';
import { placementAgendaView } from '../domain/placement-views.js';
import { recognitionAgendaView } from '../domain/recognition-views.js';
import { etagOf, noneMatch } from '../lib/http.js';
import type { SitePrincipal } from '../lib/principal.js';

type TodayBody = ReturnType<typeof todayView> & { placements: ReturnType<typeof placementAgendaView>; recognition: ReturnType<typeof recognitionAgendaView> };
export type TodayReply = { notModified: true; etag: string } | { notModified: false; etag: string; body: TodayBody };

/**
 * "Heute" for the caller's site: one Query on the site's agenda up to 7 days ahead. The ETag is
 * the body's hash: a console that polls with `If-None-Match` gets 304 while nothing changed
 * (and no data leaves, so nothing is audited); a 200 is audited (counts only) before it leaves.
 */
export async function readToday(me: SitePrincipal, ifNoneMatch: string | undefined, now: Date = new Date()): Promise<TodayReply> {
  const { waiting, placements, recognition, truncated } = await agendaUpTo(me.site, agendaUntil(now).toISOString());
  const body: TodayBody = { ...todayView(waiting, now, truncated), placements: placementAgendaView(placements, now), recognition: recognitionAgendaView(recognition, now) };
  const etag = etagOf(body);
  if (noneMatch(ifNoneMatch, etag)) return { notModified: true, etag };
  await appendSiteAudit(me.site, {
    at: now.toISOString(),
    actor: me.sub,
    role: me.role,
    action: 'today.read',
    detail: { count: body.waiting.length, upcoming: body.upcoming.length, placements: body.placements.length, recognition: body.recognition.length },
  });
  return { notModified: false, etag, body };
}
