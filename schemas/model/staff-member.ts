import * as z from 'zod/mini';
import { ROLES } from '../staff.js';
import { str } from './fields.js';

/**
 * One entry of a site's staff directory, written when a staff member uses a staff route (at most
 * once a day): who works at the site, without asking Cognito. Staff data, not participants' data.
 */
export const StaffMemberSchema = z.object({
  sub: str,
  /** `cognito:username` (the sign-in name). */
  username: str,
  role: z.enum(ROLES),
  site: str,
  firstSeenAt: str,
  lastSeenAt: str,
  /** Berlin day of `lastSeenAt`: the directory is written at most once per user and day. */
  lastSeenDay: str,
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;
