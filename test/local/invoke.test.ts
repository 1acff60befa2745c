import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { submissionId } from '../../functions/domain/intake.js';

/** `npm run invoke` as the README shows it, on a fresh in-memory local cloud. */
const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('npm run invoke', () => {
  it('runs the RegisterParticipant sample self-contained and prints the registered participant', async () => {
    const { stdout } = await run('npm', ['run', 'invoke', '--', 'events/tasks/register-participant.json', '--task', 'RegisterParticipant'], {
      cwd: ROOT,
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' },
      timeout: 120_000,
    });
    expect(stdout).toMatch(/"participantId": "[0-9a-f]{32}"/);
    expect(stdout).toMatch(/"duplicate": false/);
    expect(stdout).toMatch(/mail to jana\.beispielfrau@example\.org/);
  }, 180_000);

  it('names a submission id that the setup intake really gets', () => {
    const sample = JSON.parse(readFileSync(resolve(ROOT, 'events/tasks/register-participant.json'), 'utf8'));
    const intake = JSON.parse(readFileSync(resolve(ROOT, sample.setup.intakes[0]), 'utf8'));
    expect(sample.input.submissionId).toBe(submissionId(intake.headers['idempotency-key']));
  });
});
