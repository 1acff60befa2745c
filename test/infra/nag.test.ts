import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../infra/app.js';

function stacks(context: Record<string, unknown> = {}): Stack[] {
  // A demo synth (demo sites, placeholder inboxes), as `npm run synth` makes one.
  const app = new App({ context: { ...cdkJson.context, demo: true, ...context, 'aws:cdk:bundling-stacks': [] } });
  const { main, edge } = buildApp(app);
  return edge ? [main, edge] : [main];
}

/** Unacknowledged cdk-nag findings as `rule @ construct path`, so a failure says what and where. */
function findings(stack: Stack): string[] {
  return new AwsSolutionsChecks()
    .validateScope(stack)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`));
}

const webDir = mkdtempSync(join(tmpdir(), 'biwaq-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>BIWAQ</title>');
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

describe('cdk-nag AwsSolutions', () => {
  it.each(stacks().map((s) => [s.stackName, s] as const))('%s has no unacknowledged findings', (_name, stack) => {
    expect(findings(stack)).toEqual([]);
  });

  it('stays clean once web/ has pages (BucketDeployment) and with a custom domain', () => {
    const all = stacks({
      webDir,
      domainName: 'biwaq.example',
      certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
    });
    expect(all.flatMap(findings)).toEqual([]);
  });

  it('stays clean with a custom sign-in domain and context callback URLs', () => {
    const all = stacks({
      authDomainName: 'login.biwaq.example',
      authCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
      consoleCallbackUrls: ['https://biwaq.example/console/'],
    });
    expect(all.flatMap(findings)).toEqual([]);
  });

  it('acknowledges CFR4 only while there is no custom domain', () => {
    const [main] = stacks({
      domainName: 'biwaq.example',
      certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
    });
    const distribution = main!.node.findAll().find((c) => c.node.path.endsWith('Web/Distribution'))!;
    const acknowledged = distribution.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules');
    expect(JSON.stringify(acknowledged)).not.toContain('CFR4');
  });
});
