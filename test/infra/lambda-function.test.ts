import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { HandlerFunction } from '../../infra/constructs/lambda-function.js';
import { Mail } from '../../infra/constructs/mail.js';
import { acknowledge } from '../../infra/constructs/nag.js';
import { Table } from '../../infra/constructs/table.js';
import type { Access } from '../../infra/routes.js';
import type { WorkflowAction } from '../../infra/workflow-specs.js';

/** A function with every kind of access, as the staff routes of later issues will have. */
function fixture(access: Access[], actions: WorkflowAction[] = ALL_ACTIONS) {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test', { env: { region: 'eu-central-1' } });
  const table = new Table(stack, 'Data');
  const mail = new Mail(stack, 'Mail', { mailFrom: 'no-reply@biwaq.example', identity: 'address' });
  const machine = new StateMachine(stack, 'Machine', {
    definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Pass')),
    tracingEnabled: true,
  });
  acknowledge(machine, 'SF1', 'test fixture, not under test');
  acknowledge(machine, 'IAM5[Resource::*]', 'test fixture, not under test');
  new HandlerFunction(stack, 'Handler', {
    entry: 'functions/public/get-health.ts',
    access,
    workflows: [{ id: 'CaseFollowUp', stateMachine: machine, actions }],
    environment: {},
    resources: { table, mail },
    timeout: Duration.seconds(10),
  });
  return stack;
}

const ALL: Access[] = ['table:read', 'table:write', 'mail:send'];
const ALL_ACTIONS: WorkflowAction[] = ['start', 'read', 'stop', 'callback'];

describe('HandlerFunction', () => {
  it('has no unacknowledged cdk-nag findings with every kind of access', () => {
    const violations = new AwsSolutionsChecks().validateScope(fixture(ALL)).violations;
    expect(violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`))).toEqual([]);
  });

  it('grants workflow access on its state machines and names them in the environment', () => {
    const template = Template.fromStack(fixture(ALL));
    // minimizePolicies merges statements: compare (action, resource) pairs.
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^HandlerRole') }] } }));
    const pairs = (policy!.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).flatMap((st) =>
      [st.Action].flat().flatMap((a) => [st.Resource].flat().map((r) => `${a} ${JSON.stringify(r)}`)),
    );
    const onMachine = (action: string) => `${action} ${JSON.stringify({ Ref: 'Machine6FC8AE80' })}`;
    expect(pairs).toEqual(
      expect.arrayContaining(
        ['states:StartExecution', 'states:ListExecutions', 'states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'].map(onMachine),
      ),
    );
    expect(pairs.filter((p) => p.startsWith('states:DescribeExecution ') || p.startsWith('states:GetExecutionHistory '))).toHaveLength(2);
    // Stopping is limited to executions of the machine (staff ending a follow-up early).
    const stop = pairs.filter((p) => p.startsWith('states:StopExecution '));
    expect(stop).toHaveLength(1);
    expect(stop[0]).toContain(':execution:');
    expect(pairs.filter((p) => p.startsWith('states:') && p.includes('"*"'))).toEqual([]);
    const machine = { Ref: Match.stringLikeRegexp('^Machine') };
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CASE_FOLLOW_UP_STATE_MACHINE_ARN: machine }) },
    });
  });

  it('grants only the actions the registry names: a function that may only stop cannot start or call back', () => {
    const template = Template.fromStack(fixture(['table:read'], ['stop']));
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^HandlerRole') }] } }));
    const actions = (policy!.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((st) => [st.Action].flat());
    expect(actions.filter((a) => a.startsWith('states:'))).toEqual(['states:StopExecution']);
  });

  it('refuses a handler module that does not exist', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Test');
    const table = new Table(stack, 'Data');
    const mail = new Mail(stack, 'Mail', { mailFrom: 'no-reply@biwaq.example', identity: 'address' });
    expect(
      () =>
        new HandlerFunction(stack, 'Missing', {
          entry: 'functions/nope.ts',
          access: [],
          environment: {},
          resources: { table, mail },
          timeout: Duration.seconds(10),
        }),
    ).toThrow(/does not exist/);
  });
});
