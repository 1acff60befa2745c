import { dataNoticeUrl } from '../../schemas/data-notice.js';
import type { Placement } from '../../schemas/model/placement.js';
import type { Site } from '../../schemas/sites.js';
import type { LinkPurpose } from '../../schemas/placements.js';
import { sendMail } from '../clients/mailer.js';
import { putEmployerLink } from '../data/employer-links.js';
import { employerLinkUrl, linkHash, newLinkId } from '../domain/employer-links.js';
import type { EmployerMail, Sender } from '../domain/employer-mails.js';
import { config, siteById } from '../lib/config.js';

/** Reaching the employer: minting a link (only its hash is stored) and mailing them from the site. */

/** A configured site; an unknown one (removed from the configuration) fails the step, which is retried and alarms. */
export function siteOf(site: string): Site {
  const s = siteById(site);
  if (!s) throw new Error('unknown site');
  return s;
}

export function senderOf(site: string): Sender {
  const s = siteOf(site);
  return { siteName: s.name, teamEmail: s.teamEmail, replyTo: s.office.replyTo, office: s.office, noticeUrl: dataNoticeUrl(config().publicUrl, s.id, 'de') };
}

/** A fresh link for the placement: the link item is stored (by hash); the id goes into one mail only. */
export async function mintLink(p: Placement, purpose: LinkPurpose, validUntil: string, at: string): Promise<{ url: string; hash: string }> {
  const id = newLinkId();
  const hash = linkHash(id);
  await putEmployerLink(hash, { placementId: p.id, site: p.site, purpose, issuedAt: at, validUntil });
  return { url: employerLinkUrl(config().publicUrl, id), hash };
}

export async function mailEmployer(p: Placement, mail: EmployerMail): Promise<void> {
  await sendMail({ from: config().mailFrom, to: p.employer.email, replyTo: senderOf(p.site).replyTo, ...mail });
}
