import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledging cdk-nag findings precisely. cdk-nag 3 matches an IAM5 finding only by its full id,
 * `AwsSolutions-IAM5[Resource::<flattened ARN>]`, so the ARN is flattened here the way cdk-nag
 * does it (Fn::Join joined, `{Ref}` → `<Ref>`, `{GetAtt}` → `<Id.Attr>`): an acknowledgement then
 * covers exactly one wildcard, not every wildcard on the role.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
}

/** Acknowledges the IAM5 finding for one wildcard resource ARN (token or literal). */
export function acknowledgeWildcardResource(scope: IConstruct, arn: string, reason: string): void {
  acknowledge(scope, `IAM5[Resource::${flatten(Stack.of(scope).resolve(arn))}]`, reason);
}

/** Acknowledges the IAM5 finding for one wildcard action, e.g. `kms:GenerateDataKey*`. */
export function acknowledgeWildcardAction(scope: IConstruct, action: string, reason: string): void {
  acknowledge(scope, `IAM5[Action::${action}]`, reason);
}

function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const o = node as Record<string, unknown>;
  if (Array.isArray(o['Fn::Join'])) {
    const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (o['Fn::Sub'] !== undefined) return flatten(o['Fn::Sub']);
  if (Array.isArray(o['Fn::GetAtt'])) {
    const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (o['Fn::ImportValue'] !== undefined) return flatten(o['Fn::ImportValue']);
  if (o['Ref'] !== undefined) return `<${flatten(o['Ref'])}>`;
  return JSON.stringify(node);
}
