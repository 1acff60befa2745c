import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface WebAclProps {
  /** Requests per client IP per 5 minutes to the rate-limited routes before WAF blocks that IP. */
  intakeRateLimitPer5Min: number;
  /** Path prefixes of the routes the route table marks `rateLimited` (infra/routes.ts). */
  rateLimitedPaths: readonly string[];
}

/**
 * The CloudFront web ACL (scope CLOUDFRONT, so its stack must be in us-east-1): AWS managed
 * common and known-bad-input rules, plus a per-IP rate limit on the routes that ask for one
 * (the public intake).
 */
export class WebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    if (props.rateLimitedPaths.length === 0) throw new Error('WebAcl: no rate-limited route');
    const pathMatch = (path: string): CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: path,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    const [only, ...more] = props.rateLimitedPaths.map(pathMatch);
    const scopeDown = more.length === 0 ? only! : { orStatement: { statements: [only!, ...more] } };
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    const managed = (name: string, priority: number, countOnly: string[] = []): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(countOnly.length ? { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) } : {}),
        },
      },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('BiwaqWebAcl'),
      // The page shows a friendly retry message for 429 (as the local rate limiter answers).
      customResponseBodies: {
        RateLimited: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            code: 'rate_limited',
            message: 'Zu viele Anfragen. Bitte warten Sie einige Minuten. / Too many requests. Please wait a few minutes.',
          }),
        },
      },
      rules: [
        {
          // First: a flood of submissions is blocked before the managed groups spend WCUs on it.
          name: 'IntakeRateLimit',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'RateLimited',
                responseHeaders: [{ name: 'retry-after', value: '300' }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: props.intakeRateLimitPer5Min,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: scopeDown,
            },
          },
          visibilityConfig: visibility('IntakeRateLimit'),
        },
        // SizeRestrictions_BODY blocks bodies over 8 KB with a bare 403; the handlers enforce
        // their own limits (e.g. 32 KB for an intake) and answer 413 (one error mapping: functions/lib/errors.ts).
        managed('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY']),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
      ],
    });
  }

  get arn(): string {
    return this.webAcl.attrArn;
  }
}
