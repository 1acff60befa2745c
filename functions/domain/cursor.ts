import type { ListPosition } from '../data/table.js';

/**
 * Opaque page cursors. A cursor only says where to continue *within the caller's own site*:
 * the handler always queries the caller's partition, so a cursor copied from another site, or
 * forged, can at worst skip rows of one's own site — it can never reach another site.
 */
const SORT_KEY = /^(PARTICIPANT#)?\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9a-f]{32}$/;
const PK = /^PARTICIPANT#[0-9a-f]{32}$/;

export function encodeCursor(p: ListPosition): string {
  return Buffer.from(JSON.stringify([p.sortKey, p.pk]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ListPosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [sortKey, pk] = value as unknown[];
    if (typeof sortKey !== 'string' || typeof pk !== 'string' || !SORT_KEY.test(sortKey) || !PK.test(pk)) return undefined;
    return { sortKey, pk };
  } catch {
    return undefined;
  }
}
