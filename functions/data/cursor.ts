import { CURSOR_PATTERNS } from './keys.js';

/**
 * Opaque page cursors. A cursor only says where to continue *within the caller's own site* (or
 * the one participant's audit trail): the query always runs on the caller's partition, so a
 * cursor copied from another site, or forged, can at worst skip rows of one's own — it can
 * never reach another site.
 */

/** Where a listing continues: the index sort key and the item's partition key. */
export interface ListPosition {
  sortKey: string;
  pk: string;
}

export function encodeCursor(p: ListPosition): string {
  return Buffer.from(JSON.stringify([p.sortKey, p.pk]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ListPosition | undefined {
  const value = decode(cursor);
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [sortKey, pk] = value as unknown[];
  if (typeof sortKey !== 'string' || typeof pk !== 'string') return undefined;
  if (!CURSOR_PATTERNS.participantSortKey.test(sortKey) || !CURSOR_PATTERNS.participantPk.test(pk)) return undefined;
  return { sortKey, pk };
}

/** A placement listing's position (the placement index sort key and its PK); same opaque format. */
export function decodePlacementCursor(cursor: string): ListPosition | undefined {
  return decodePosition(cursor, CURSOR_PATTERNS.placementSortKey, CURSOR_PATTERNS.placementPk);
}

/** A recognition case listing's position (the site listing's sort key and the case's PK). */
export function decodeRecognitionCursor(cursor: string): ListPosition | undefined {
  return decodePosition(cursor, CURSOR_PATTERNS.recognitionSortKey, CURSOR_PATTERNS.recognitionPk);
}

function decodePosition(cursor: string, sortKeyPattern: RegExp, pkPattern: RegExp): ListPosition | undefined {
  const value = decode(cursor);
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [sortKey, pk] = value as unknown[];
  if (typeof sortKey !== 'string' || typeof pk !== 'string') return undefined;
  if (!sortKeyPattern.test(sortKey) || !pkPattern.test(pk)) return undefined;
  return { sortKey, pk };
}

export function encodeAuditCursor(sortKey: string): string {
  return Buffer.from(JSON.stringify([sortKey]), 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string): string | undefined {
  const value = decode(cursor);
  if (!Array.isArray(value) || value.length !== 1 || typeof value[0] !== 'string') return undefined;
  return CURSOR_PATTERNS.auditSortKey.test(value[0]) ? value[0] : undefined;
}

function decode(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
