import type { Participant } from '../../schemas/model/participant.js';
import { sendMail } from '../clients/mailer.js';
import { appendAudit } from '../data/audit.js';
import { transfer } from '../data/participant-changes.js';
import { getParticipant } from '../data/participants.js';
import { indexNames } from '../data/search-index.js';
import { InvalidInput, NotFound, StateConflict, VersionConflict } from '../domain/errors.js';
import { participantLink, transferNoticeMail } from '../domain/mails.js';
import { nameEntries } from '../domain/name-search.js';
import { config, siteById } from '../lib/config.js';
import { logUnexpected } from '../lib/log-error.js';
import { logger } from '../lib/logger.js';
import type { SitePrincipal } from '../lib/principal.js';
import { settleFigures } from './settle-figures.js';
import { visibleTo } from '../domain/erasure.js';

/**
 * A lead hands a participant of their site over to another site (one person, one project: e.g.
 * after they registered again there). One conditional write on the version the caller saw moves
 * the site and every index key on the profile; then the Name-index entries move (idempotent
 * upserts), the trail records it, and the receiving site's lead gets a notice (reference and
 * console link only). Afterwards the old site gets 404 like for any other site's record.
 */
export async function transferParticipant(me: SitePrincipal, id: string, version: number, toSite: string, now: Date = new Date()) {
  const at = now.toISOString();
  let moved: Participant | undefined;
  for (let attempt = 0; attempt < 3 && !moved; attempt++) {
    const p = await getParticipant(id);
    if (!visibleTo(me, p)) throw new NotFound();
    if (toSite === p.site || !siteById(toSite)) throw new InvalidInput([{ path: ['toSite'], code: 'invalid_option' }]);
    if (p.version !== version) throw new VersionConflict();
    const result = await transfer(p, version, toSite, at, me.sub);
    if (result.ok) moved = result.participant;
    else if (result.reason === 'not_found') throw new NotFound();
    else if (result.reason === 'version') throw new VersionConflict();
    // 'changed': the follow-up was scheduled meanwhile; read again.
  }
  if (!moved) throw new StateConflict();

  await appendAudit(id, { at, actor: me.sub, role: me.role, action: 'participant.transferred', detail: { fromSite: me.site, toSite } });
  // The figures move from the old site's counters to the new one's (exactly once).
  await settleFigures(id);
  try {
    await indexNames(id, toSite, nameEntries(moved.entry.person.firstName, moved.entry.person.lastName));
  } catch (err) {
    // The search re-checks every hit's site, so a stale entry never shows the person at the old site.
    logUnexpected('name index not moved', err);
  }
  const from = siteById(me.site)!;
  const to = siteById(toSite)!;
  try {
    await sendMail({ from: config().mailFrom, to: to.leadEmail, ...transferNoticeMail(moved.reference, participantLink(config().consoleUrl, id), from.name, to.name) });
  } catch (err) {
    logUnexpected('transfer notice not sent', err);
  }
  logger.info('participant transferred', { participantId: id, fromSite: me.site, toSite });
  return { id: moved.id, site: moved.site, version: moved.version, updatedAt: moved.updatedAt };
}
