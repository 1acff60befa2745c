import * as z from 'zod/mini';
import { ROLES } from '../staff.js';
import { str } from './fields.js';

/**
 * What exactly, without personal data: a filter, a page, a result count, a site, a staff
 * subject id. Never a search text (it may be a name) and never a participant's data.
 */
export const AuditDetailSchema = z.record(str, z.union([str, z.number(), z.boolean(), z.null()]));

/** Who acts: a staff role, the employer of a trial placement (through their link; no account, no id), or the system (the retention sweep). */
export const AUDIT_ROLES = [...ROLES, 'employer', 'system'] as const;

/** Who did what when — no personal data: the actor is the staff user's pseudonymous subject id. */
export const AuditEntrySchema = z.object({
  at: str,
  actor: str,
  role: z.enum(AUDIT_ROLES),
  action: str,
  detail: z.optional(AuditDetailSchema),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
