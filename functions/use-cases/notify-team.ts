import type { Site } from '../../schemas/sites.js';
import { getSubmission, markTeamNotified } from '../data/submissions.js';
import { claimTeamNotice, markTeamNoticeSent } from '../data/team-notices.js';
import { SubmissionNotFound } from '../domain/errors.js';
import { otherSiteNoticeMail, participantLink, teamNoticeMail } from '../domain/mails.js';
import { berlinDate } from '../domain/working-days.js';
import { sendMail, type Mail } from '../clients/mailer.js';
import { config, siteById } from '../lib/config.js';
import { logger } from '../lib/logger.js';

/**
 * Workflow step NotifyTeam: tells the teams, with the reference (and a console link where they
 * can open it) only — never a name, a date of birth, an address or a contact.
 *
 * - A new participant: their site's team, once (recorded on the submission).
 * - A further submission of a known person (duplicate rule, per project): the owning site's
 *   team gets the duplicate notice; if it came in through another site, that site's team is told
 *   the person is registered at the owning site (no link: they cannot open the record). Further
 *   submissions of the same person on one day give each team one notice: a conditional write on
 *   a marker per participant, team and day of receipt.
 */
export async function notifyTeam(submissionId: string, now: Date = new Date()): Promise<{ sent: boolean }> {
  const s = await getSubmission(submissionId);
  if (!s?.participantId) throw new SubmissionNotFound('submission not registered');
  if (s.teamNotifiedAt) return { sent: false };
  const owner = siteById(s.participantSite ?? s.site);
  if (!owner) throw new Error('unknown site');
  const link = participantLink(config().consoleUrl, s.participantId);
  const from = config().mailFrom;

  let sent = false;
  if (!s.duplicate) {
    await sendMail({ from, to: owner.teamEmail, ...teamNoticeMail(s.reference, link, false) });
    sent = true;
  } else {
    const via: Site = siteById(s.site) ?? owner;
    const notice = { participantId: s.participantId, day: berlinDate(new Date(s.receivedAt)), submissionId: s.id };
    const crossSite = via.id !== owner.id;
    const toOwner = await noticeOnce({ ...notice, site: owner.id }, { from, to: owner.teamEmail, ...teamNoticeMail(s.reference, link, true, crossSite ? via.name : undefined) }, now);
    const toVia = crossSite ? await noticeOnce({ ...notice, site: via.id }, { from, to: via.teamEmail, ...otherSiteNoticeMail(s.reference, owner) }, now) : false;
    sent = toOwner || toVia;
  }
  await markTeamNotified(submissionId, now.toISOString());
  logger.info('team notified', { submissionId, site: owner.id, sent });
  return { sent };
}

/** Sends a team's duplicate notice unless another submission of the person sent it today. */
async function noticeOnce(n: { participantId: string; site: string; day: string; submissionId: string }, mail: Mail, now: Date): Promise<boolean> {
  const claim = await claimTeamNotice(n, now.toISOString());
  if (claim !== 'send') return false;
  await sendMail(mail);
  await markTeamNoticeSent(n, now.toISOString());
  return true;
}
