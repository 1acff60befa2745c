import { z } from 'zod';
import { SitesSchema, type Site } from '../../schemas/sites.js';

/**
 * Runtime configuration, read once at cold start and validated: a missing or malformed variable
 * fails the first invocation loudly instead of misbehaving later. CDK (infra/) and the local
 * cloud (local/) set the same variables.
 */
const EnvSchema = z.object({
  TABLE_NAME: z.string().min(3),
  SITES: z.string().transform((raw, ctx) => {
    try {
      return SitesSchema.parse(JSON.parse(raw));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'SITES must be a JSON array of sites' });
      return z.NEVER;
    }
  }),
  MAIL_FROM: z.email(),
  /** Base URL of the staff console, used in links in team e-mails. */
  CONSOLE_URL: z.url(),
  /** Identifies the project: participants are de-duplicated within one project. */
  PROJECT_ID: z.string().min(1).max(40).default('biwaq'),
});

export interface Config {
  tableName: string;
  sites: Site[];
  siteIds: [string, ...string[]];
  mailFrom: string;
  consoleUrl: string;
  projectId: string;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', ');
    throw new Error(`Invalid configuration: ${names}`);
  }
  const e = parsed.data;
  return {
    tableName: e.TABLE_NAME,
    sites: e.SITES,
    siteIds: e.SITES.map((s) => s.id) as [string, ...string[]],
    mailFrom: e.MAIL_FROM,
    consoleUrl: e.CONSOLE_URL.replace(/\/$/, ''),
    projectId: e.PROJECT_ID,
  };
}

let cached: Config | undefined;

/** The configuration of this process, parsed on first use (at cold start in practice). */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

export function siteById(id: string): Site | undefined {
  return config().sites.find((s) => s.id === id);
}
