import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../infra/app.js';
import { DIRECTORY_INDEX_CODE } from '../../infra/constructs/web.js';

/**
 * Staff sign-in on AWS: the console's app client speaks the authorization code flow with PKCE
 * through Cognito's managed login; the console finds it in /console/config.json; CloudFront
 * serves the console's deep links and lets the page reach Cognito.
 */
function synth(context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...cdkJson.context, demo: true, ...context, 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(buildApp(app).main);
}

const consolePage = {
  'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebDistribution'), 'DomainName'] }, '/console/']],
};
const signInDomain = { Ref: Match.stringLikeRegexp('^AuthStaffPoolSignInDomain') };

let main: Template;
beforeAll(() => {
  main = synth();
});

describe('the console app client', () => {
  it('uses the authorization code grant only, as a public client (no secret), with openid email profile', () => {
    main.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('sends the browser back to the console page on the distribution after sign-in and sign-out (default)', () => {
    main.hasResourceProperties('AWS::Cognito::UserPoolClient', { CallbackURLs: [consolePage], LogoutURLs: [consolePage] });
  });

  it('has short ID tokens, rotating refresh tokens for a working day, and revocation', () => {
    main.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      IdTokenValidity: 15,
      AccessTokenValidity: 15,
      RefreshTokenValidity: 600,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: Match.anyValue() },
      EnableTokenRevocation: true,
    });
  });

  it('keeps MFA required on the pool', () => {
    main.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
  });

  it('takes callback and sign-out URLs, and the domain prefix, from context', () => {
    const t = synth({
      consoleCallbackUrls: '["https://biwaq.example/console/","http://localhost:3000/console/"]',
      consoleLogoutUrls: ['https://biwaq.example/console/'],
      authDomainPrefix: 'duisburg-biwaq',
    });
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://biwaq.example/console/', 'http://localhost:3000/console/'],
      LogoutURLs: ['https://biwaq.example/console/'],
    });
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'duisburg-biwaq', ManagedLoginVersion: 2 });
  });
});

describe('managed login', () => {
  it('has a Cognito prefix domain unique to the stack, with the newer managed login and Cognito\'s branding', () => {
    main.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['biwaq-staff-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }]] },
      ManagedLoginVersion: 2,
      CustomDomainConfig: Match.absent(),
    });
    main.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: Match.stringLikeRegexp('^AuthStaffPoolConsoleClient') },
      UseCognitoProvidedValues: true,
    });
  });

  it('takes a custom domain with its certificate from context', () => {
    const arn = 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000';
    synth({ authDomainName: 'login.biwaq.example', authCertificateArn: arn }).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'login.biwaq.example',
      CustomDomainConfig: { CertificateArn: arn },
      ManagedLoginVersion: 2,
    });
  });

  it('rejects bad sign-in context at synth', () => {
    expect(() => synth({ consoleCallbackUrls: ['http://biwaq.example/console/'] })).toThrow(/consoleCallbackUrls/);
    expect(() => synth({ consoleLogoutUrls: '[]' })).toThrow(/consoleLogoutUrls/);
    expect(() => synth({ authDomainPrefix: 'my-cognito-login' })).toThrow(/authDomainPrefix/);
    expect(() => synth({ authDomainPrefix: 'Biwaq_Login' })).toThrow(/authDomainPrefix/);
    expect(() => synth({ authDomainName: 'login.biwaq.example' })).toThrow(/authCertificateArn/);
  });

  it('outputs the issuer, the sign-in URL and the client id', () => {
    const outputs = main.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs['StaffIssuer']!.Value).toEqual({
      'Fn::Join': ['', ['https://cognito-idp.eu-central-1.amazonaws.com/', { Ref: expect.stringMatching(/^AuthStaffPool/) }]],
    });
    expect(outputs['StaffSignInUrl']!.Value).toEqual({
      'Fn::Join': ['', ['https://', { Ref: expect.stringMatching(/^AuthStaffPoolSignInDomain/) }, '.auth.eu-central-1.amazoncognito.com']],
    });
    expect(outputs['ConsoleClientId']!.Value).toEqual({ Ref: expect.stringMatching(/^AuthStaffPoolConsoleClient/) });
  });
});

describe('the console on CloudFront', () => {
  it('lets the pages reach Cognito (discovery, token endpoint) and nothing else besides their own origin', () => {
    main.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            Override: false,
            ContentSecurityPolicy: {
              'Fn::Join': [
                '',
                [
                  Match.stringLikeRegexp("script-src 'self';.*connect-src 'self' https://cognito-idp\\.eu-central-1\\.amazonaws\\.com https://$"),
                  signInDomain,
                  Match.stringLikeRegexp("^\\.auth\\.eu-central-1\\.amazoncognito\\.com; .*form-action 'self'; frame-ancestors 'none'$"),
                ],
              ],
            },
          },
        }),
      }),
    });
  });

  it('writes /console/config.json with the issuer, the client id and the console URLs into the pages bucket', () => {
    const [deployment] = Object.values(main.findResources('Custom::CDKBucketDeployment'));
    const props = deployment!.Properties as { SourceObjectKeys: unknown[]; SourceMarkers: Record<string, unknown>[] };
    expect(props.SourceObjectKeys).toHaveLength(2); // the built pages, and config.json
    const markers = JSON.stringify(props.SourceMarkers[1]);
    expect(markers).toMatch(/"Ref":"AuthStaffPool[A-Z0-9]+"/); // in the issuer
    expect(markers).toMatch(/"Ref":"AuthStaffPoolConsoleClient[A-Z0-9]+"/);
    expect(markers).toMatch(/"WebDistribution[A-Z0-9]+","DomainName"\]\},"\/console"/); // redirectUri and logoutUri
  });

  it('serves the console page for every extension-less path under /console/ (its deep links)', () => {
    const fn = Object.values(main.findResources('AWS::CloudFront::Function'))[0]!;
    expect(fn.Properties.FunctionCode).toBe(DIRECTORY_INDEX_CODE);
    const handler = new Function(`${DIRECTORY_INDEX_CODE}; return handler;`)() as (e: { request: { uri: string } }) => { uri: string };
    const served = (uri: string) => handler({ request: { uri } }).uri;
    expect(served('/console/participants/abc')).toBe('/console/index.html');
    expect(served('/console/participants/abc/')).toBe('/console/index.html');
    expect(served('/console/')).toBe('/console/index.html');
    expect(served('/console')).toBe('/console/index.html');
    expect(served('/console/config.json')).toBe('/console/config.json');
    expect(served('/')).toBe('/index.html');
    expect(served('/imprint')).toBe('/imprint/index.html');
    expect(served('/assets/intake-AB12.js')).toBe('/assets/intake-AB12.js');
  });
});
