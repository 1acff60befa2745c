import '../local/polyfills.js';
import { startLocalCloud } from '../local/cloud.js';
import { ephemeralSettings } from '../local/settings.js';

/**
 * The local cloud in its own process for the bench, so the load generator does not share its
 * event loop. Commands over IPC: pause / resume the intake pipe, wait until workflows are idle.
 */
const cloud = await startLocalCloud(ephemeralSettings());
process.send?.({ ready: true, apiUrl: cloud.apiUrl, dynamoEndpoint: cloud.dynamoEndpoint, tableName: cloud.tableName });
process.on('message', async (msg: { cmd: string; id: number }) => {
  if (msg.cmd === 'pause') cloud.intakePipe.pause();
  if (msg.cmd === 'resume') cloud.intakePipe.resume();
  if (msg.cmd === 'idle') await cloud.workflows.idle();
  if (msg.cmd === 'stop') {
    await cloud.stop();
    process.send?.({ id: msg.id, done: true }, () => process.exit(0));
    return;
  }
  process.send?.({ id: msg.id, done: true });
});
