import { createHash, randomBytes } from 'node:crypto';
import { LINK_ID_PATTERN } from '../../schemas/placements.js';

/**
 * Employer links (pure): an opaque random id of 256 bits in the URL, only its SHA-256 stored.
 * The id says nothing; the link item (by hash) says which placement, what for and until when.
 */

export function newLinkId(): string {
  return randomBytes(32).toString('base64url');
}

/** The hex SHA-256 of a link id: the link item's key and what the placement keeps. */
export function linkHash(linkId: string): string {
  return createHash('sha256').update(linkId, 'utf8').digest('hex');
}

export const isLinkId = (value: string) => LINK_ID_PATTERN.test(value);

/** The employer's page of a link. */
export function employerLinkUrl(publicUrl: string, linkId: string): string {
  return `${publicUrl}/p/${linkId}`;
}

/** The console page of a placement (team mails carry this link and the reference only). */
export function placementConsoleLink(consoleUrl: string, placementId: string): string {
  return `${consoleUrl}/placements/${encodeURIComponent(placementId)}`;
}
