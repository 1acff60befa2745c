import * as z from 'zod/mini';

/**
 * The stored shapes' plain fields, one instance each, shared by every shape: schemas are
 * immutable, and each instance costs its share of a function's cold start (like `text()` in
 * schemas/text.ts). A stored item is ours, so its fields need no bounds or patterns.
 */
export const str = z.string();
export const optionalStr = z.optional(str);
