import * as z from 'zod/mini';
import { ROLES } from '../staff.js';

/**
 * What exactly, without personal data: a filter, a page, a result count, a site, a staff
 * subject id. Never a search text (it may be a name) and never a participant's data.
 */
export const AuditDetailSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** Who acts: a staff role, or the employer of a trial placement (through their link; no account, no id). */
export const AUDIT_ROLES = [...ROLES, 'employer'] as const;

/** Who did what when — no personal data: the actor is the staff user's pseudonymous subject id. */
export const AuditEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  role: z.enum(AUDIT_ROLES),
  action: z.string(),
  detail: z.optional(AuditDetailSchema),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
