import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { WebAcl } from '../constructs/web-acl.js';

export interface EdgeStackProps extends StackProps {
  intakeRateLimitPer5Min: number;
}

/** What CloudFront needs from us-east-1: the CLOUDFRONT-scoped web ACL. */
export class EdgeStack extends Stack {
  readonly webAcl: WebAcl;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    this.webAcl = new WebAcl(this, 'WebAcl', { intakeRateLimitPer5Min: props.intakeRateLimitPer5Min });
  }
}
