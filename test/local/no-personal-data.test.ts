import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stateMachineArnVariable, WORKFLOWS } from '../../infra/workflow-specs.js';
import type { LocalCloud } from '../../local/cloud.js';
import { DEMO_SITES } from '../../schemas/sites.js';
import { EMPLOYER, ENTERED, found, fullRun, type FullRun } from './full-run.js';
import { allItems, readInbox, startCloud } from './helpers.js';
import { staffCall } from './recognition-helpers.js';

/**
 * Issue 13, part 5: a full run (intake and a duplicate intake → first contact → placement with the
 * employer's answer → recognition case with facts → exit and its correction → erasure) leaves no
 * entered name, e-mail, phone, date of birth or address in any log line, any Step Functions
 * execution input or history, any audit entry, or any mail to a team or lead. Each search is
 * shown to work: it finds the values where they legitimately are.
 */

// Every log line the functions write, at the most talkative level (set before any handler module is loaded).
vi.hoisted(() => {
  process.env['POWERTOOLS_LOG_LEVEL'] = 'DEBUG';
});

let cloud: LocalCloud;
let run: FullRun;
const written: string[] = [];
const restore: (() => void)[] = [];

function capture(stream: NodeJS.WriteStream): void {
  const original = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    written.push(text);
    // The functions' JSON lines stay in the capture (DEBUG is loud); anything else reaches the terminal.
    if (text.startsWith('{')) return true;
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
  restore.push(() => (stream.write = original as typeof stream.write));
}

beforeAll(async () => {
  // Powertools writes through its own Console on process.stdout / process.stderr: both are captured.
  capture(process.stdout);
  capture(process.stderr);
  cloud = await startCloud();
  run = await fullRun(cloud);
}, 180_000);

afterAll(async () => {
  for (const r of restore) r();
  await cloud?.stop();
});

describe('after a full run, no entered personal value is', () => {
  it('in the table where it may not be, and the table search finds it where it is (the participant, the further submission)', async () => {
    const items = await allItems(cloud);
    const participant = items.find((i) => i.type === 'Participant' && i.id === run.participantId)!;
    expect(found(JSON.stringify(participant))).toEqual(expect.arrayContaining([ENTERED.lastName, ENTERED.email, ENTERED.dateOfBirth, ENTERED.street, '4455667']));
    const further = items.filter((i) => i.type === 'ParticipantSubmission' && i.PK === `PARTICIPANT#${run.participantId}`);
    expect(further.length).toBeGreaterThan(0);
    expect(found(JSON.stringify(further))).toEqual(expect.arrayContaining([ENTERED.secondEmail, '2233445']));
  });

  it('in any log line the functions wrote (the capture holds their lines, with the ids)', () => {
    const log = written.join('');
    const lines = written.flatMap((w) => w.split('\n')).filter((l) => l.startsWith('{'));
    // The capture works: the functions' JSON lines are there, naming the participant by id.
    expect(lines.some((l) => l.includes('"participant registered"') && l.includes(run.participantId))).toBe(true);
    expect(lines.some((l) => l.includes(run.placementId))).toBe(true);
    expect(found(log)).toEqual([]);
  });

  it('in any Step Functions execution input, output or history (the real DescribeExecution / GetExecutionHistory)', async () => {
    const sfn = new SFNClient({ endpoint: cloud.sfnEndpoint, region: process.env['AWS_REGION'], credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const seen: string[] = [];
    for (const wf of WORKFLOWS) {
      const stateMachineArn = process.env[stateMachineArnVariable(wf.id)]!;
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, nextToken }));
        for (const e of page.executions ?? []) {
          const described = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
          seen.push(JSON.stringify(described));
          let historyToken: string | undefined;
          do {
            const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: e.executionArn, includeExecutionData: true, nextToken: historyToken }));
            seen.push(JSON.stringify(history.events));
            historyToken = history.nextToken;
          } while (historyToken);
        }
        nextToken = page.nextToken;
      } while (nextToken);
    }
    const text = seen.join('\n');
    // Every workflow of the run is there (the search reads them): the intake's, the placement's and the case's.
    expect(text).toContain(run.placementId);
    expect(text).toContain(run.caseId);
    expect(text).toContain('IntakeRegistration');
    expect(found(text)).toEqual([]);

    // And the local Step Functions store itself (executions, history, tokens), read raw.
    const raw: unknown[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await DynamoDBDocumentClient.from(cloud.dynamo).send(new ScanCommand({ TableName: cloud.sfnTableName, ExclusiveStartKey: startKey }));
      raw.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    expect(JSON.stringify(raw)).toContain(run.placementId);
    expect(found(JSON.stringify(raw))).toEqual([]);
  });

  it('in any audit entry (the participant\'s and the site\'s)', async () => {
    const audits = (await allItems(cloud)).filter((i) => i.type === 'Audit' || i.type === 'SiteAudit');
    // The person's actions were audited (the entries exist and name the participant by id).
    expect(audits.filter((a) => a.PK === `PARTICIPANT#${run.participantId}`).length).toBeGreaterThan(0);
    expect(found(JSON.stringify(audits))).toEqual([]);
  });

  it('in any mail to a team or a lead (the employer\'s mail names the participant\'s first name, and the search finds it)', async () => {
    const inbox = await readInbox(cloud.mailEndpoint);
    const staff = new Set(DEMO_SITES.flatMap((s) => [s.teamEmail, s.leadEmail]));
    const toStaff = inbox.filter((m) => m.destination.to.some((a) => staff.has(a)));
    const text = (m: (typeof inbox)[number]) => `${m.subject}\n${m.body.text ?? ''}\n${m.body.html ?? ''}`;
    // The search works: the participant's own confirmation exists, the team's mails about them exist (by reference).
    expect(inbox.filter((m) => m.destination.to.includes(ENTERED.email)).length).toBeGreaterThan(0);
    expect(toStaff.filter((m) => text(m).includes(run.reference)).length).toBeGreaterThan(0);
    expect(toStaff.some((m) => text(m).includes(run.placementId))).toBe(true);
    expect(toStaff.map((m) => [m.destination.to.join(','), m.subject, found(text(m))]).filter(([, , f]) => f!.length)).toEqual([]);
    // The employer's mails name the participant by first name only (the placement), never the rest.
    const toEmployer = inbox.filter((m) => m.destination.to.includes(EMPLOYER));
    expect(found(toEmployer.map(text).join('\n'))).toEqual([ENTERED.firstName]);
    expect(found(toEmployer.map(text).join('\n'), [ENTERED.lastName, ENTERED.email, ENTERED.secondEmail, ENTERED.dateOfBirth, '27.09.1983', ENTERED.street, '4455667', '2233445'])).toEqual([]);
  });

  it('after the erasure that ends the run (a lead\'s request restricts; the sweep erases at the end of the duty): in a log line, the sweep\'s executions, the site audit or the table', async () => {
    const from = written.length;
    const version = (await staffCall(cloud, 'GET', `/api/staff/participants/${run.participantId}`)).body.participant.version;
    const restricted = await staffCall(cloud, 'POST', `/api/staff/participants/${run.participantId}/erasure`, { version, reason: 'data_subject_request' }, 'leitung.marxloh');
    expect(restricted.body.outcome).toBe('restricted');
    cloud.clock.advanceTo(Date.parse('2035-01-01T12:00:00Z'));
    await cloud.schedules.settled();
    await cloud.workflows.idle();

    // The capture works: the erasure's requests and the sweep's step wrote log lines.
    const lines = written.slice(from).flatMap((w) => w.split('\n')).filter((l) => l.startsWith('{'));
    const names = new Set(lines.map((l) => String((JSON.parse(l) as { function_name?: string }).function_name)));
    expect([...names]).toEqual(expect.arrayContaining(['RequestErasure', 'SweepRetention']));
    expect(found(lines.join(''))).toEqual([]);

    const sfn = new SFNClient({ endpoint: cloud.sfnEndpoint, region: process.env['AWS_REGION'], credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const sweeps = await sfn.send(new ListExecutionsCommand({ stateMachineArn: process.env[stateMachineArnVariable('RetentionSweep')] }));
    expect(sweeps.executions?.length).toBeGreaterThan(0);
    for (const e of sweeps.executions ?? []) {
      const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: e.executionArn, includeExecutionData: true }));
      expect(found(JSON.stringify(history.events))).toEqual([]);
    }
    const items = await allItems(cloud);
    const erased = items.filter((i) => i.type === 'SiteAudit' && i.action === 'participant.erased');
    expect(erased).toHaveLength(1);
    expect(JSON.stringify(erased)).not.toContain(run.participantId);
    expect(found(JSON.stringify(items))).toEqual([]);
  }, 120_000);
});
