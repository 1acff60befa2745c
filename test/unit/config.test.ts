import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/lib/config.js';
import { DEMO_SITES } from '../../schemas/sites.js';

const env = (extra: Record<string, string> = {}) => ({
  TABLE_NAME: 'biwaq-test',
  SITES: JSON.stringify(DEMO_SITES),
  MAIL_FROM: 'no-reply@biwaq.example',
  CONSOLE_URL: 'https://biwaq.example/console/',
  ...extra,
});

describe('configuration', () => {
  it('takes PUBLIC_URL for employer links, or the origin of CONSOLE_URL', () => {
    expect(parseConfig(env())).toMatchObject({ consoleUrl: 'https://biwaq.example/console', publicUrl: 'https://biwaq.example', publicOrigin: 'https://biwaq.example' });
    expect(parseConfig(env({ PUBLIC_URL: 'http://127.0.0.1:3000/' }))).toMatchObject({ publicUrl: 'http://127.0.0.1:3000', publicOrigin: 'http://127.0.0.1:3000' });
  });

  it('fails fast on a malformed PUBLIC_URL, naming only the variable', () => {
    expect(() => parseConfig(env({ PUBLIC_URL: 'not a url' }))).toThrow('Invalid configuration: PUBLIC_URL');
  });
});

describe('the TrialPlacement workflow\'s variable', () => {
  it('is the one CDK and the local cloud set for its callers', async () => {
    const { stateMachineArnVariable } = await import('../../infra/workflow-specs.js');
    const { TRIAL_PLACEMENT_ARN_VARIABLE } = await import('../../functions/data/workflows.js');
    expect(TRIAL_PLACEMENT_ARN_VARIABLE).toBe(stateMachineArnVariable('TrialPlacement'));
  });
});
