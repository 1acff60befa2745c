import { fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { MeterSnapshot } from '../local/dynamo.js';

const ROOT = resolve(import.meta.dirname, '..');

export interface CloudInfo {
  apiUrl: string;
  dynamoEndpoint: string;
  tableName: string;
  sfnTableName: string;
  mailEndpoint: string;
  sfnEndpoint: string;
  stateMachineArns: Record<string, string>;
}

/** The bench's handle on the local cloud in its own process (bench/cloud-process.ts). */
export interface CloudProcess {
  info: CloudInfo;
  command(cmd: 'pause' | 'resume' | 'idle'): Promise<void>;
  command(cmd: 'meter' | 'meter-reset'): Promise<MeterSnapshot>;
  command(cmd: 'clock'): Promise<number>;
  command(cmd: 'advance-to', at: number): Promise<number>;
  stop(): Promise<void>;
}

/** Forks the local cloud; `meter` starts dynalite with its request meter (the cost run). */
export async function startCloudProcess(opts: { meter?: boolean } = {}): Promise<CloudProcess> {
  const child = fork(join(ROOT, 'bench/cloud-process.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_DYNAMO_METER: opts.meter ? '1' : '0' },
  });
  let seq = 0;
  const waiting = new Map<number, (data: unknown) => void>();
  const info = await new Promise<CloudInfo>((res, rej) => {
    child.once('error', rej);
    child.once('exit', (code) => rej(new Error(`the local cloud process ended (exit code ${code}) before it was ready`)));
    child.on('message', (m: { ready?: boolean; id?: number; data?: unknown } & Record<string, unknown>) => {
      if (m.ready) res(m as unknown as CloudInfo);
      else if (m.id !== undefined) {
        waiting.get(m.id)?.(m.data);
        waiting.delete(m.id);
      }
    });
  });
  const command = (cmd: string, at?: number) =>
    new Promise<unknown>((res) => {
      const id = seq++;
      waiting.set(id, res);
      child.send({ cmd, id, at });
    });
  return {
    info,
    command: command as CloudProcess['command'],
    stop: async () => {
      await command('stop');
    },
  };
}
