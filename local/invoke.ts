import './polyfills.js';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ROUTES } from '../infra/routes.js';
import { TASKS } from '../infra/workflow-specs.js';
import { startLocalCloud, type LocalCloud } from './cloud.js';
import { invoke } from './lambda.js';
import { addOriginHeader } from './api-server.js';
import { readInbox } from './mail.js';
import { ephemeralSettings } from './settings.js';

/**
 * A task sample (events/tasks/) may name what must exist before its task can run, so that it
 * works on a fresh cloud: intakes (API Gateway events) accepted first through the real
 * POST /api/intake handler. A file without `input` is the task input itself.
 */
const TaskSample = z.strictObject({
  comment: z.string().optional(),
  setup: z.strictObject({ intakes: z.array(z.string()).default([]) }).optional(),
  input: z.unknown(),
});

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
  const sample = flag === '--task' && typeof event === 'object' && event !== null && 'input' in event ? TaskSample.parse(event) : undefined;

  const cloud = await startLocalCloud(ephemeralSettings());
  try {
    if (sample?.setup?.intakes.length) {
      // Held back, as a stream holds its records: the task below, not the workflow, registers first.
      cloud.intakePipe.pause();
      for (const intake of sample.setup.intakes) await acceptIntake(intake);
    }
    // A route's event arrives as CloudFront forwards it: with the origin secret.
    if (!sample && 'headers' in event) addOriginHeader((event as { headers: Record<string, string> }).headers);
    const result = await invoke(target.entry, target.id, sample ? sample.input : event);
    console.log(JSON.stringify(result, null, 2));
    cloud.intakePipe.resume();
    await report(cloud);
  } finally {
    await cloud.stop();
  }
}

async function acceptIntake(file: string): Promise<void> {
  const route = ROUTES.find((r) => r.id === 'PostIntake')!;
  const event = JSON.parse(readFileSync(file, 'utf8')) as { routeKey?: string };
  if (event.routeKey !== `${route.method} ${route.path}`) throw new Error(`setup: ${file} is not a ${route.method} ${route.path} event`);
  if ('headers' in event) addOriginHeader((event as { headers: Record<string, string> }).headers);
  const result = (await invoke(route.entry, route.id, event)) as { statusCode?: number; body?: string };
  console.log(`setup: ${route.method} ${route.path} with ${file}: ${result.statusCode} ${result.body ?? ''}`);
  if (result.statusCode !== 202) throw new Error(`setup: ${file} was refused (${result.statusCode})`);
}

async function report(cloud: LocalCloud): Promise<void> {
  await cloud.workflows.idle();
  for (const e of cloud.workflows.list()) console.log(`workflow ${e.workflow} ${e.name}: ${e.status}`);
  for (const m of await readInbox(cloud.mailEndpoint)) console.log(`mail to ${m.destination.to.join(', ')}: ${m.subject}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
