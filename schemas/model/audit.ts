import * as z from 'zod/mini';
import { ROLES } from '../staff.js';

/** Who did what when — no personal data: the actor is the staff user's pseudonymous subject id. */
export const AuditEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  role: z.enum(ROLES),
  action: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
