import './polyfills.js';
import { readFileSync } from 'node:fs';
import { ROUTES } from '../infra/routes.js';
import { TASKS } from '../infra/workflow-specs.js';
import { startLocalCloud } from './cloud.js';
import { invoke } from './lambda.js';
import { readInbox } from './mail.js';
import { ephemeralSettings } from './settings.js';

/**
 * `npm run invoke -- <event.json> [--task <TaskId>]`: replays a sample event (events/) against
 * its handler module on a fresh in-memory local cloud, waits for the workflows it starts, and
 * prints the response and the mails sent.
 */
async function main(): Promise<void> {
  const [file, flag, taskId] = process.argv.slice(2);
  if (!file) throw new Error('usage: npm run invoke -- events/post-intake-valid.json [--task RegisterParticipant]');
  const event = JSON.parse(readFileSync(file, 'utf8')) as { routeKey?: string };
  let target: { entry: string; id: string } | undefined;
  if (flag === '--task') target = TASKS.find((t) => t.id === taskId);
  else target = ROUTES.find((r) => `${r.method} ${r.path}` === event.routeKey);
  if (!target) throw new Error(flag === '--task' ? `unknown task ${taskId}` : `no route for ${event.routeKey}`);

  const cloud = await startLocalCloud(ephemeralSettings());
  try {
    const result = await invoke(target.entry, target.id, event);
    console.log(JSON.stringify(result, null, 2));
    await cloud.workflows.idle();
    for (const e of cloud.workflows.list()) console.log(`workflow ${e.workflow} ${e.name}: ${e.status}`);
    for (const m of await readInbox(cloud.mailEndpoint)) console.log(`mail to ${m.destination.to.join(', ')}: ${m.subject}`);
  } finally {
    await cloud.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
