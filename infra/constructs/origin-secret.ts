import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/lib/origin-verify.js';
import { acknowledge } from './nag.js';

export interface OriginSecretProps {
  /**
   * Rotation by redeploy: a new value (context `originSecretGeneration`) makes a new secret, and
   * CloudFront and every route function take it up in the same deployment.
   */
  generation: string;
}

/**
 * The secret CloudFront adds as `x-origin-verify` to every request it forwards to the HTTP API,
 * and that the route functions check first (functions/lib/origin-verify.ts): the execute-api
 * endpoint called directly, around the WAF, answers 403. (An HTTP API has no resource policy;
 * turning the default endpoint off needs a regional custom domain with its own certificate.)
 */
export class OriginSecret extends Construct {
  readonly header = ORIGIN_VERIFY_HEADER;
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: OriginSecretProps) {
    super(scope, id);
    this.secret = new Secret(this, `Value${props.generation}`, {
      description: 'CloudFront → API origin header (x-origin-verify); rotate by changing context originSecretGeneration and redeploying',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
    });
    acknowledge(
      this.secret,
      'SMG4',
      'Rotated by redeploy (context originSecretGeneration): CloudFront\'s origin header and the functions\' variable are CloudFormation dynamic references to this secret, so a Secrets Manager rotation Lambda would leave both stale until the next deployment.',
    );
  }

  /** The value as a CloudFormation dynamic reference (resolved by CloudFormation at deploy time, never in the template). */
  get value(): string {
    return this.secret.secretValue.unsafeUnwrap();
  }
}
