import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EdgeStack } from './stacks/edge-stack.js';
import { readSettings } from './stacks/settings.js';
import { WorkflowsStack } from './stacks/workflows-stack.js';

export interface BiwaqApp {
  main: WorkflowsStack;
  /** Absent when context `webAclArn` names an existing web ACL. */
  edge?: EdgeStack;
}

/**
 * Composes the app: the main stack in eu-central-1 and, because a CLOUDFRONT web ACL can only
 * live in us-east-1, a small edge stack there. No account: synth works offline; the CLI's
 * credentials decide the account at deploy time.
 */
export function buildApp(app: App): BiwaqApp {
  const settings = readSettings(app.node);
  const edge = settings.webAclArn
    ? undefined
    : new EdgeStack(app, 'BiwaqWorkflowsEdge', {
        env: { region: 'us-east-1' },
        crossRegionReferences: true,
        description: 'BIWAQ Workflows: CloudFront web ACL (us-east-1)',
        intakeRateLimitPer5Min: settings.intakeRateLimitPer5Min,
      });
  const main = new WorkflowsStack(app, 'BiwaqWorkflows', {
    env: { region: 'eu-central-1' },
    crossRegionReferences: true,
    description: 'BIWAQ Workflows: forms and workflows for job-integration projects',
    settings,
    webAclArn: settings.webAclArn ?? edge!.webAcl.arn,
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { main, edge };
}

const isEntryPoint = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) buildApp(new App());
