import * as z from 'zod/mini';

/** A site (tenant): one organisation running one neighbourhood office of the project. */
export const SiteSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,31}$/)),
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  teamEmail: z.email(),
  leadEmail: z.email(),
});
export type Site = z.infer<typeof SiteSchema>;

export const SitesSchema = z.array(SiteSchema).check(z.minLength(1));

/** Demo sites used by `npm start`, the tests and `cdk synth` when no `sites` context is given. */
export const DEMO_SITES: Site[] = [
  { id: 'marxloh', name: 'BIWAQ Marxloh', teamEmail: 'team-marxloh@biwaq.example', leadEmail: 'lead-marxloh@biwaq.example' },
  { id: 'hochfeld', name: 'BIWAQ Hochfeld', teamEmail: 'team-hochfeld@biwaq.example', leadEmail: 'lead-hochfeld@biwaq.example' },
];
