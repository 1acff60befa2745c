import * as z from 'zod/mini';
import { lazySchema } from '../../schemas/lazy.js';
import { DEFAULT_FUNDER_RETENTION_END } from '../../schemas/retention.js';
import { siteSchemas, type Site } from '../../schemas/sites.js';

/**
 * Runtime configuration, read once at cold start and validated: a missing or malformed variable
 * fails the first invocation loudly instead of misbehaving later. CDK (infra/) and the local
 * cloud (local/) set the same variables. The schemas are built on that first read, not at import.
 */
const EnvSchema = lazySchema(() => z.object({
  TABLE_NAME: z.string().check(z.minLength(3)),
  /** JSON array of sites (schemas/sites.ts). */
  SITES: z.string().check(z.minLength(2)),
  MAIL_FROM: z.email(),
  /** Base URL of the staff console, used in links in team e-mails. */
  CONSOLE_URL: z.url(),
  /**
   * The public origin employers' links point at (`${PUBLIC_URL}/p/<linkId>`), which the employer
   * page's POST checks `Origin` against. Defaults to the origin of CONSOLE_URL (same distribution).
   */
  PUBLIC_URL: z.optional(z.url()),
  /** Identifies the project: participants are de-duplicated within one project. */
  PROJECT_ID: z._default(z.string().check(z.minLength(1), z.maxLength(40)), 'biwaq'),
  /** The last day of the ESF Plus retention duty (schemas/retention.ts); the data notice names it. */
  FUNDER_RETENTION_END: z._default(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), DEFAULT_FUNDER_RETENTION_END),
}));

export interface Config {
  tableName: string;
  sites: Site[];
  siteIds: [string, ...string[]];
  mailFrom: string;
  consoleUrl: string;
  /** No trailing slash, e.g. `https://biwaq.example`. */
  publicUrl: string;
  /** The origin a browser sends with a form POST from our pages (`Origin`). */
  publicOrigin: string;
  projectId: string;
  /** `YYYY-MM-DD`, the end of the funder's retention duty. */
  funderRetentionEnd: string;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema().safeParse(env);
  const sites = parsed.success ? siteSchemas().SitesSchema.safeParse(parseJson(parsed.data.SITES)) : undefined;
  if (!parsed.success || !sites?.success) {
    const names = parsed.success ? ['SITES'] : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
    throw new Error(`Invalid configuration: ${names.join(', ')}`);
  }
  const e = parsed.data;
  return {
    tableName: e.TABLE_NAME,
    sites: sites.data,
    siteIds: sites.data.map((s) => s.id) as [string, ...string[]],
    mailFrom: e.MAIL_FROM,
    consoleUrl: e.CONSOLE_URL.replace(/\/$/, ''),
    publicUrl: (e.PUBLIC_URL ?? new URL(e.CONSOLE_URL).origin).replace(/\/+$/, ''),
    publicOrigin: new URL(e.PUBLIC_URL ?? e.CONSOLE_URL).origin,
    projectId: e.PROJECT_ID,
    funderRetentionEnd: e.FUNDER_RETENTION_END,
  };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
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

/** A state machine's ARN, for the functions the workflow registry lets act on it (set by CDK and the local cloud). */
export function stateMachineArn(variable: string): string {
  const arn = process.env[variable];
  if (!arn || !/^arn:aws[\w-]*:states:[\w-]+:\d{12}:stateMachine:[\w-]+$/.test(arn)) throw new Error(`Invalid configuration: ${variable}`);
  return arn;
}
