import type { Node } from 'constructs';
import { z } from 'zod';
import { DEFAULT_FUNDER_RETENTION_END } from '../../schemas/retention.js';
import { DEMO_SITES, siteSchemas, type Site } from '../../schemas/sites.js';

/**
 * Deployment settings, read once from CDK context (cdk.json, or `-c key=value`) and validated at
 * synth: a bad value fails `cdk synth`, not the first Lambda cold start.
 */
export interface Settings {
  /**
   * An explicit demo or local synth: the demo sites and placeholder inboxes are allowed. Without
   * it (a real deployment) `sites` must be given and no address may be a placeholder.
   */
  demo: boolean;
  sites: Site[];
  mailFrom: string;
  /** `domain`: verify the domain of mailFrom (DKIM, production); `address`: verify mailFrom only. */
  mailIdentity: 'domain' | 'address';
  /** Staff console base URL; undefined → the CloudFront URL + `/console`. */
  consoleUrl?: string;
  /** Where Cognito's managed login sends the console back with a code; undefined → `${consoleUrl}/`. The first is the console's own. */
  consoleCallbackUrls?: string[];
  /** Where Cognito's `/logout` may send the console afterwards; undefined → the callback URLs. */
  consoleLogoutUrls?: string[];
  /**
   * The managed login's Cognito prefix domain (`<prefix>.auth.<region>.amazoncognito.com`, unique
   * per region across AWS); undefined → `<projectId>-staff-<the stack's id>`.
   */
  authDomainPrefix?: string;
  /** A custom domain for managed login instead (needs `authCertificateArn`, ACM in us-east-1). */
  authDomainName?: string;
  authCertificateArn?: string;
  projectId: string;
  /** Rotates CloudFront's origin secret when changed (infra/constructs/origin-secret.ts). */
  originSecretGeneration: string;
  /**
   * The last day (`YYYY-MM-DD`) of the ESF Plus retention duty (schemas/retention.ts): participants'
   * records are kept until then. Set it from the funder's notice; the default fits 2021–2027.
   */
  funderRetentionEnd: string;
  /**
   * CloudFront geo allowlist (ISO 3166-1 alpha-2). Germany and its neighbours: participants,
   * employers and staff are in Duisburg; German mobile SIMs roaming in the EU keep a German IP
   * (home routing), so only Wi-Fi abroad is blocked. Widen via context if a project needs it.
   */
  allowedCountries: string[];
  /** WAF rate limit for `/api/intake`, requests per IP per 5 minutes. */
  intakeRateLimitPer5Min: number;
  /** Custom domain for the distribution; needs `certificateArn` (ACM, us-east-1). */
  domainName?: string;
  certificateArn?: string;
  /** An existing CLOUDFRONT web ACL to use instead of creating the us-east-1 stack. */
  webAclArn?: string;
  /** Receives alarm notifications (SNS e-mail subscription). */
  alarmEmail?: string;
  /** Folder with the static pages; skipped when missing or empty. */
  webDir: string;
}

/** Context values given on the command line arrive as strings; JSON ones are parsed. */
const json = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }, schema);

/** Cognito takes https redirect URLs, and plain http only for localhost. */
const cognitoRedirectUrl = z.url().refine((u) => u.startsWith('https://') || /^http:\/\/localhost(:\d+)?\//.test(u), 'https (or http://localhost)');

const SettingsSchema = z.object({
  demo: json(z.boolean()).default(false),
  // Checked with the contract's own schema below (schemas/ may use zod/mini).
  sites: json(z.unknown()).optional(),
  mailFrom: z.email(),
  mailIdentity: z.enum(['domain', 'address']).default('domain'),
  consoleUrl: z.url().optional(),
  consoleCallbackUrls: json(z.array(cognitoRedirectUrl).min(1).max(20)).optional(),
  consoleLogoutUrls: json(z.array(cognitoRedirectUrl).min(1).max(20)).optional(),
  authDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and hyphens, at most 63')
    .refine((p) => !/aws|amazon|cognito/.test(p), 'must not contain aws, amazon or cognito')
    .optional(),
  authDomainName: z.string().min(3).optional(),
  authCertificateArn: z.string().startsWith('arn:aws:acm:us-east-1:').optional(),
  projectId: z.string().min(1).max(40).default('biwaq'),
  funderRetentionEnd: z.iso.date().default(DEFAULT_FUNDER_RETENTION_END),
  allowedCountries: json(z.array(z.string().regex(/^[A-Z]{2}$/)).min(1)).default(['DE']),
  intakeRateLimitPer5Min: json(z.number().int().min(10).max(2_000_000_000)).default(100),
  domainName: z.string().min(3).optional(),
  certificateArn: z.string().startsWith('arn:aws:acm:us-east-1:').optional(),
  webAclArn: z.string().startsWith('arn:aws:wafv2:us-east-1:').optional(),
  alarmEmail: z.email().optional(),
  webDir: z.string().min(1).default('web'),
  /** Change it (e.g. 1 → 2) and redeploy to rotate CloudFront's origin secret (infra/constructs/origin-secret.ts). */
  originSecretGeneration: z.string().regex(/^[A-Za-z0-9]{1,16}$/).default('1'),
});

const KEYS = Object.keys(SettingsSchema.shape) as (keyof Settings)[];

export function readSettings(node: Node): Settings {
  const raw = Object.fromEntries(KEYS.map((k) => [k, node.tryGetContext(k)]).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`Invalid CDK context: ${problems}`);
  }
  const { sites: rawSites, ...s } = parsed.data;
  if (rawSites === undefined && !s.demo) {
    throw new Error(
      'Invalid CDK context: `sites` is required for a deployment — a JSON array of {id, name, teamEmail, leadEmail} (see README, Deploy). ' +
        'Only a demo or local synth may use the demo sites: pass -c demo=true (npm run synth does).',
    );
  }
  const sites = siteSchemas().SitesSchema.safeParse(rawSites ?? DEMO_SITES);
  if (!sites.success) throw new Error(`Invalid CDK context: sites must be a non-empty JSON array of sites (schemas/sites.ts): ${sitesProblems(sites.error.issues)}`);
  if (!s.demo) {
    const placeholders = [
      s.mailFrom,
      ...sites.data.flatMap((site) => [site.teamEmail, site.leadEmail, site.office.replyTo, site.controller.email, site.dpo.email]),
      ...(s.alarmEmail ? [s.alarmEmail] : []),
    ].filter(isPlaceholderAddress);
    if (placeholders.length > 0) {
      throw new Error(
        `Invalid CDK context: placeholder address(es) ${[...new Set(placeholders)].join(', ')} — these domains receive no mail. ` +
          'Set real inboxes for `sites` and `mailFrom` (or pass -c demo=true for a demo).',
      );
    }
    const demoValues = sites.data.flatMap((site) => demoValuesIn(site));
    if (demoValues.length > 0) {
      throw new Error(
        `Invalid CDK context: demo value(s) in sites: ${[...new Set(demoValues)].join('; ')} — participants read these in the data notice and every mail. ` +
          'Set the real office, controller and data-protection officer of each site (or pass -c demo=true for a demo).',
      );
    }
  }
  // Every function gets the sites as one environment variable; Lambda allows 4 KB for all of them.
  if (JSON.stringify(sites.data).length > SITES_ENV_LIMIT) {
    throw new Error(`Invalid CDK context: sites take ${JSON.stringify(sites.data).length} characters as JSON; at most ${SITES_ENV_LIMIT} fit into a Lambda environment. Shorten names or split the project.`);
  }
  if (Boolean(s.domainName) !== Boolean(s.certificateArn)) {
    throw new Error('Invalid CDK context: domainName and certificateArn go together');
  }
  if (Boolean(s.authDomainName) !== Boolean(s.authCertificateArn)) {
    throw new Error('Invalid CDK context: authDomainName and authCertificateArn go together');
  }
  if (s.authDomainName && s.authDomainPrefix) {
    throw new Error('Invalid CDK context: authDomainPrefix or authDomainName, not both');
  }
  return { ...s, sites: sites.data };
}

/** Reserved example and test domains (RFC 2606, RFC 6761): nobody reads mail sent there. */
export function isPlaceholderAddress(address: string): boolean {
  const domain = address.split('@')[1]?.toLowerCase() ?? '';
  return /(^|\.)(example\.(org|com|net)|example|test|invalid|localhost)$/.test(domain);
}

/** What is left of Lambda's 4 KB of environment for SITES after the other variables. */
const SITES_ENV_LIMIT = 3000;

function sitesProblems(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** Phone numbers, postal addresses and names copied from the demo sites (schemas/sites.ts). */
function demoValuesIn(site: Site): string[] {
  const demo = new Set(
    DEMO_SITES.flatMap((d) => [d.office.phone, d.controller.phone, d.dpo.phone, d.controller.name, d.dpo.name, street(d.office.address), street(d.controller.address)]).filter(
      (v): v is string => Boolean(v),
    ),
  );
  const values = [site.office.phone, site.controller.phone, site.dpo.phone, site.controller.name, site.dpo.name, street(site.office.address), street(site.controller.address)];
  return values.filter((v): v is string => Boolean(v) && (demo.has(v!) || /\(demo\)/i.test(v!)));
}

const street = (a: { street: string; postcode: string }) => `${a.street}, ${a.postcode}`;
