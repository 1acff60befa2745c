import '../local/polyfills.js';
import { startLocalCloud } from '../local/cloud.js';
import { ephemeralSettings } from '../local/settings.js';
import { WORKFLOWS } from '../infra/workflow-specs.js';

/**
 * The local cloud in its own process for the bench, so the load generator does not share its
 * event loop. Commands over IPC: pause / resume the intake pipe, wait until workflows are idle;
 * for the cost run (BENCH_DYNAMO_METER=1 starts dynalite with its request meter) read or reset
 * the meter and move the workflow clock.
 */
const cloud = await startLocalCloud(ephemeralSettings(), { dynamo: { meter: process.env['BENCH_DYNAMO_METER'] === '1' } });
process.send?.({
  ready: true,
  apiUrl: cloud.apiUrl,
  dynamoEndpoint: cloud.dynamoEndpoint,
  tableName: cloud.tableName,
  sfnTableName: cloud.sfnTableName,
  mailEndpoint: cloud.mailEndpoint,
  sfnEndpoint: cloud.sfnEndpoint,
  stateMachineArns: Object.fromEntries(WORKFLOWS.map((w) => [w.id, cloud.workflows.stateMachineArn(w.id)])),
});
process.on('message', async (msg: { cmd: string; id: number; at?: number }) => {
  let data: unknown;
  if (msg.cmd === 'pause') cloud.intakePipe.pause();
  if (msg.cmd === 'resume') cloud.intakePipe.resume();
  if (msg.cmd === 'idle') await cloud.workflows.idle();
  if (msg.cmd === 'meter') data = await cloud.dynamoMeter?.meter();
  if (msg.cmd === 'meter-reset') data = await cloud.dynamoMeter?.resetMeter();
  if (msg.cmd === 'clock') data = cloud.clock.now();
  if (msg.cmd === 'advance-to' && msg.at !== undefined) data = cloud.clock.advanceTo(msg.at);
  if (msg.cmd === 'stop') {
    await cloud.stop();
    process.send?.({ id: msg.id, done: true }, () => process.exit(0));
    return;
  }
  process.send?.({ id: msg.id, done: true, data });
});
