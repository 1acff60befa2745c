import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { sfnClient, startWorkflowCloud } from '../workflows/cloud.js';
import { portsOf, tempDataDir } from './helpers.js';

/**
 * GET /health says ready only when the local cloud is: a restart first resumes the unfinished
 * executions (and re-drives intakes); until then the API already listens but is not ready.
 */
let cloud: LocalCloud | undefined;
afterAll(async () => {
  await cloud?.stop();
});

describe('/health during the start of the local cloud', () => {
  it('answers 503 starting while unfinished executions resume, then 200 ok', async () => {
    const dataDir = tempDataDir();
    const first = await startWorkflowCloud({ dataDir });
    const sfn = sfnClient();
    const dueAt = new Date(first.clock.now() + 86400_000).toISOString();
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: first.workflows.stateMachineArn('TestWaitUntil'),
        name: 'waits-across-restart',
        input: JSON.stringify({ delaySeconds: 0, case: { dueAt } }),
      }),
    );
    sfn.destroy();
    await first.workflows.idle();
    const ports = portsOf(first);
    await first.stop();

    // Poll from before the API listens until the start has returned.
    let started = false;
    const seen: { status: number; body: unknown; afterStart: boolean }[] = [];
    const poll = (async () => {
      while (!started) {
        try {
          const res = await fetch(`http://127.0.0.1:${ports.port}/health`);
          const afterStart = started; // taken when the answer arrived
          seen.push({ status: res.status, body: await res.json(), afterStart });
        } catch {
          // not listening yet
        }
        await sleep(2);
      }
    })();
    const restarted = await startWorkflowCloud({ dataDir, ...ports }).then((c) => {
      started = true;
      return c;
    });
    cloud = restarted;
    await poll;
    expect(restarted.redriven).toBe(1);

    const early = seen.filter((s) => !s.afterStart);
    expect(early.length).toBeGreaterThan(0);
    for (const s of early) expect(s).toMatchObject({ status: 503, body: { status: 'starting' } });
    const after = await fetch(`http://127.0.0.1:${ports.port}/health`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ status: 'ok' });
  });
});
