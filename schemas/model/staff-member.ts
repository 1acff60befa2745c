import * as z from 'zod/mini';
import { ROLES } from '../staff.js';

/**
 * One entry of a site's staff directory, written when a staff member uses a staff route (at most
 * once a day): who works at the site, without asking Cognito. Staff data, not participants' data.
 */
export const StaffMemberSchema = z.object({
  sub: z.string(),
  /** `cognito:username` (the sign-in name). */
  username: z.string(),
  role: z.enum(ROLES),
  site: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** Berlin day of `lastSeenAt`: the directory is written at most once per user and day. */
  lastSeenDay: z.string(),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;
