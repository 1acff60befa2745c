import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Aws, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  GeoRestriction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { buildWeb, WEB_DIR, writeWeb } from '../../web/build.js';
import { acknowledge, acknowledgeWildcardAction, acknowledgeWildcardResource } from './nag.js';

export interface WebProps {
  /** execute-api host of the HTTP API (`/api/*`, `/health`, the employer's pages `/p/*` and the data notice `/datenschutz` go there). */
  apiDomainName: string;
  /** Added to every request CloudFront forwards to the API: the API answers nothing without it. */
  originHeader: { name: string; value: string };
  /** Absolute path of the static pages; no deployment when missing or empty. */
  webDir: string;
  webAclArn: string;
  allowedCountries: string[];
  /** Custom domain with its ACM certificate (us-east-1); otherwise the cloudfront.net name. */
  domainName?: string;
  certificateArn?: string;
  /** Written to `/console/config.json`: where the console signs in (web/console/auth.ts). */
  consoleConfig?: { issuer: string; clientId: string; redirectUri: string; logoutUri: string };
  /** Origins the pages may call besides their own (connect-src): the sign-in's discovery and token endpoints. */
  connectSources?: string[];
}

/**
 * The one origin users see: CloudFront in front of a private bucket (OAC) for the pages and of
 * the HTTP API for `/api/*` and `/health`, with WAF, a geo allowlist, security headers and
 * access logs.
 */
export class Web extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  readonly logBucket: Bucket;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);

    // CloudFront standard logs are written with ACLs (object writer) and cannot use SSE-KMS.
    this.logBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }], // client IPs are personal data: keep briefly
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Pages', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/pages/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Pages and API share one origin; no inline script or style. The console also talks to the
    // sign-in (Cognito's discovery and token endpoints), and nothing else comes from elsewhere.
    const connectSrc = ["'self'", ...(props.connectSources ?? [])].join(' ');
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'BIWAQ Workflows security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy:
            `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${connectSrc}; ` +
            "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
          override: false, // a response that sets its own CSP keeps it
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // E-mail links carry opaque ids: never leak them in a Referer.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    // The API reference is static (built from the contracts): Swagger UI sets inline styles.
    const docsHeaders = new ResponseHeadersPolicy(this, 'DocsHeaders', {
      comment: 'BIWAQ Workflows API reference headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy:
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
            "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const pagesOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const directoryIndex = this.directoryIndex();
    const docs: BehaviorOptions = {
      origin: pagesOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: docsHeaders,
    };

    const api: BehaviorOptions = {
      origin: new HttpOrigin(props.apiDomainName, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        // CloudFront overwrites a viewer's header of the same name: only CloudFront can send the secret.
        customHeaders: { [props.originHeader.name]: props.originHeader.value },
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY, // a redirected POST would lose its body
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // API Gateway routes on its own Host: forward everything else the viewer sent.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: securityHeaders,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'BIWAQ Workflows',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: pagesOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
      },
      // In this order: CloudFront takes the first match, so the static API reference wins over `/api/*`.
      // `/p/*`: the employer's pages behind an e-mail link are answered by the API, never cached.
      // `/datenschutz`: the data notice, rendered per site and language by the API (it reads the sites' configuration).
      additionalBehaviors: { '/api/openapi.json': docs, '/api/docs*': docs, '/api/*': api, '/health': api, '/p/*': api, '/datenschutz': api },
      webAclId: props.webAclArn,
      geoRestriction: GeoRestriction.allowlist(...props.allowedCountries),
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100, // Europe and North America: the users are in Germany
      ...(props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
          }
        : {}),
    });
    if (!props.domainName) {
      acknowledge(
        this.distribution,
        'CFR4',
        'No custom domain configured (context domainName/certificateArn): the default *.cloudfront.net certificate cannot enforce TLSv1.2 as minimum. Set both for production.',
      );
    }

    if (existsSync(props.webDir) && readdirSync(props.webDir).length > 0) this.deployPages(builtPages(props.webDir), props.consoleConfig);
  }

  /**
   * S3 behind OAC has no index documents: `/console` and `/console/` would be 403s. Serve
   * `<dir>/index.html` for paths whose last segment has no file extension — and the console's
   * page for its deep links (`/console/participants/x`), which the console routes itself.
   */
  private directoryIndex(): CloudFrontFunction {
    return new CloudFrontFunction(this, 'DirectoryIndex', {
      comment: 'Maps /dir and /dir/ to /dir/index.html; /console/* to /console/index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(DIRECTORY_INDEX_CODE),
    });
  }

  private deployPages(webDir: string, consoleConfig: WebProps['consoleConfig']): void {
    const deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(webDir), ...(consoleConfig ? [Source.jsonData('console/config.json', consoleConfig)] : [])],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      logGroup: new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    });
    // The deployment's Lambda is a CDK-provided singleton custom resource (deploy time only):
    // its role, runtime and policies are set by aws-cdk-lib, not here.
    const handler = deployment.handlerRole.node.scope ?? deployment;
    const cdkOwned = 'CDK BucketDeployment custom resource (runs at deploy time only), policy defined by aws-cdk-lib';
    acknowledge(handler, 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', `${cdkOwned}: basic execution role.`);
    acknowledge(handler, 'L1', `${cdkOwned}: its runtime is pinned by aws-cdk-lib.`);
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
      acknowledgeWildcardAction(handler, action, `${cdkOwned}: copies the asset into the pages bucket; actions limited to those two buckets.`);
    }
    const stack = Stack.of(this);
    const synthesizer = stack.synthesizer;
    const qualifier = (synthesizer instanceof DefaultStackSynthesizer && synthesizer.bootstrapQualifier) || DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    acknowledgeWildcardResource(handler, `arn:${stack.partition}:s3:::cdk-${qualifier}-assets-${Aws.ACCOUNT_ID}-${stack.region}/*`, `${cdkOwned}: reads the uploaded asset objects.`);
    acknowledgeWildcardResource(handler, this.bucket.arnForObjects('*'), `${cdkOwned}: writes and prunes the page objects.`);
    acknowledgeWildcardResource(handler, '*', `${cdkOwned}: cloudfront:CreateInvalidation/GetInvalidation after the upload.`);
  }
}

/** The viewer-request function of the pages (CloudFront Functions, JS 2.0). */
export const DIRECTORY_INDEX_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var extensionless = uri.lastIndexOf('.') < uri.lastIndexOf('/');
  if (uri.startsWith('/console/') && extensionless) request.uri = '/console/index.html';
  else if (uri.endsWith('/')) request.uri = uri + 'index.html';
  else if (extensionless) request.uri = uri + '/index.html';
  return request;
}`;

/**
 * web/ holds sources (TypeScript, CSS, a build script): what goes to S3 is what web/build.ts makes
 * of them, built at synth so a deploy never ships stale or unbuilt pages. Any other folder is taken
 * as finished static pages. The build lands in a private temporary folder (parallel synths never
 * share one), built once per process; CDK copies it into the assembly, and it is removed on exit.
 */
let builtDir: string | undefined;

function builtPages(webDir: string): string {
  if (resolve(webDir) !== WEB_DIR) return webDir;
  if (!builtDir) {
    const outDir = mkdtempSync(join(tmpdir(), 'biwaq-pages-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    writeWeb(outDir, buildWeb());
    builtDir = outDir;
  }
  return builtDir;
}
