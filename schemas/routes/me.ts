import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { lazySchema } from '../lazy.js';
import { STAFF_ERRORS } from '../http/errors.js';
import { ROLES } from '../staff.js';
import { ROUTE_PATHS } from './paths.js';

/** Who am I: kept apart so the function bundles no participant schemas. */

const EVERY_ROLE = { kind: 'staff', roles: ROLES } as const;

export const MeBody = lazySchema(() =>
  z.strictObject({
    sub: z.string(),
    role: z.enum(ROLES),
    site: z.nullable(z.strictObject({ id: z.string(), name: z.string() })),
  }),
);

export const GetStaffMe = defineRoute({
  id: 'GetStaffMe',
  ...ROUTE_PATHS.GetStaffMe,
  auth: EVERY_ROLE,
  tag: 'staff',
  summary: 'Who am I: subject, role, site',
  responses: { 200: { description: 'The caller as the token says.', body: MeBody }, ...STAFF_ERRORS },
});

/** A site reference as staff read it: id and display name. */
