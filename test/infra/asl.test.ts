import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/constructs/lambda-function.js';
import { TASKS, WORKFLOWS, taskArnPlaceholder } from '../../infra/workflow-specs.js';

const dir = join(REPO_ROOT, 'infra/workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.asl.json'));

/** What CDK does at deploy time: every `${<Task>FunctionArn}` becomes that function's ARN. */
function substitute(asl: string): string {
  return asl.replace(/\$\{([A-Za-z0-9]+)\}/g, (_m, name: string) => {
    const task = TASKS.find((t) => taskArnPlaceholder(t.id) === name);
    if (!task) throw new Error(`unknown placeholder ${name}`);
    return `arn:aws:lambda:eu-central-1:111122223333:function:${task.id}`;
  });
}

describe('ASL definitions', () => {
  it('every workflow has its file and every file a workflow', () => {
    expect(files.sort()).toEqual(WORKFLOWS.map((w) => w.definition.replace('infra/workflows/', '')).sort());
  });

  it.each(files)('%s is valid ASL', (file) => {
    const definition = JSON.parse(substitute(readFileSync(join(dir, file), 'utf8')));
    const result = aslValidator(structuredClone(definition)); // it mutates its input
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it.each(WORKFLOWS.map((w) => [w.id, w] as const))('%s uses exactly its declared tasks', (_id, wf) => {
    const asl = readFileSync(join(REPO_ROOT, wf.definition), 'utf8');
    const used = [...new Set([...asl.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1]))].sort();
    expect(used).toEqual(wf.tasks.map(taskArnPlaceholder).sort());
  });
});
