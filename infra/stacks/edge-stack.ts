import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { WebAcl } from '../constructs/web-acl.js';
import { ROUTES } from '../routes.js';

export interface EdgeStackProps extends StackProps {
  intakeRateLimitPer5Min: number;
}

/** What CloudFront needs from us-east-1: the CLOUDFRONT-scoped web ACL. */
export class EdgeStack extends Stack {
  readonly webAcl: WebAcl;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    // A route path's static prefix (up to its first parameter) is what WAF can match.
    const rateLimitedPaths = ROUTES.filter((r) => r.rateLimited).map((r) => r.path.split('{')[0]!);
    this.webAcl = new WebAcl(this, 'WebAcl', { intakeRateLimitPer5Min: props.intakeRateLimitPer5Min, rateLimitedPaths });
  }
}
