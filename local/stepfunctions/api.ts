/**
 * Job: the Step Functions HTTP API — the subset the handlers and the console use, as AWS speaks
 * it (JSON 1.0: `POST /` with `X-Amz-Target: AWSStepFunctions.<Action>`; errors are HTTP 400 with
 * `{"__type": "<Exception>", "message": "…"}`), so `@aws-sdk/client-sfn` works unchanged with
 * `AWS_ENDPOINT_URL_SFN` pointing here:
 * StartExecution, DescribeExecution, ListExecutions, GetExecutionHistory, StopExecution,
 * SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SfnError } from './errors.js';
import type { WorkflowRunner } from './runner.js';
import type { ExecutionRecord, ExecutionStatus, StoredEvent } from './store.js';

const MAX_BODY_BYTES = 1024 * 1024;
const STATUSES: ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

type Body = Record<string, unknown>;
type Action = (runner: WorkflowRunner, body: Body) => Promise<unknown>;

const ACTIONS: Record<string, Action> = {
  async StartExecution(runner, b) {
    const rec = await runner.startExecution(str(b, 'stateMachineArn', true)!, str(b, 'name'), str(b, 'input'));
    return { executionArn: rec.executionArn, startDate: seconds(rec.startDate) };
  },

  async DescribeExecution(runner, b) {
    return describe(await runner.describeExecution(str(b, 'executionArn', true)!));
  },

  async ListExecutions(runner, b) {
    const status = str(b, 'statusFilter');
    if (status !== undefined && !STATUSES.includes(status as ExecutionStatus)) throw validation(`statusFilter must be one of ${STATUSES.join(', ')}`);
    const next = decodeToken<Record<string, unknown>>(str(b, 'nextToken'));
    const page = await runner.listExecutions(str(b, 'stateMachineArn', true)!, {
      limit: maxResults(b),
      ...(status ? { status: status as ExecutionStatus } : {}),
      ...(next ? { next } : {}),
    });
    return {
      executions: page.executions.map((e) => ({
        ...summary(e),
        redriveCount: e.redriveCount,
        ...(e.redriveDate !== undefined ? { redriveDate: seconds(e.redriveDate) } : {}),
      })),
      ...(page.next ? { nextToken: encodeToken(page.next) } : {}),
    };
  },

  async GetExecutionHistory(runner, b) {
    const after = decodeToken<{ after: number }>(str(b, 'nextToken'))?.after;
    const reverse = bool(b, 'reverseOrder') ?? false;
    const includeData = bool(b, 'includeExecutionData') ?? true;
    const limit = maxResults(b);
    const page = await runner.getExecutionHistory(str(b, 'executionArn', true)!, { reverse, limit, ...(after !== undefined ? { after } : {}) });
    const last = page.events.at(-1);
    return {
      events: page.events.map((e) => historyEvent(e, includeData)),
      ...(page.more && last ? { nextToken: encodeToken({ after: last.id }) } : {}),
    };
  },

  async StopExecution(runner, b) {
    const rec = await runner.stopExecution(str(b, 'executionArn', true)!, str(b, 'error'), str(b, 'cause'));
    return { stopDate: seconds(rec.stopDate ?? Date.now()) };
  },

  async SendTaskSuccess(runner, b) {
    await runner.sendTaskSuccess(str(b, 'taskToken', true)!, str(b, 'output', true)!);
    return {};
  },

  async SendTaskFailure(runner, b) {
    await runner.sendTaskFailure(str(b, 'taskToken', true)!, str(b, 'error'), str(b, 'cause'));
    return {};
  },

  async SendTaskHeartbeat(runner, b) {
    await runner.sendTaskHeartbeat(str(b, 'taskToken', true)!);
    return {};
  },
};

/** The local Step Functions endpoint; `runner()` gives the runner once the local cloud has made it. */
export function createSfnServer(runner: () => WorkflowRunner | undefined): Server {
  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error(`local Step Functions API: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, 500, { __type: 'InternalFailure', message: 'Internal Failure' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const name = target.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : '';
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (req.method !== 'POST' || !action) {
      req.resume();
      return send(res, 400, { __type: 'UnknownOperationException', message: `Unknown operation ${target || req.method}` });
    }
    const raw = await readBody(req);
    if (raw === undefined) return send(res, 413, { __type: 'SerializationException', message: 'Request body too large' });
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw) : {};
    } catch {
      return send(res, 400, { __type: 'SerializationException', message: 'Request body is not valid JSON' });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return send(res, 400, { __type: 'SerializationException', message: 'Request body must be a JSON object' });
    }
    const r = runner();
    if (!r || r.isStopped) return send(res, 503, { __type: 'ServiceUnavailable', message: 'The local Step Functions is not running' });
    try {
      send(res, 200, await action(r, body as Body));
    } catch (err) {
      if (err instanceof SfnError) return send(res, err.type === 'ServiceUnavailable' ? 503 : 400, { __type: err.type, message: err.message });
      throw err;
    }
  }
}

/** The fields ListExecutions and DescribeExecution share. */
function summary(e: ExecutionRecord): Record<string, unknown> {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: seconds(e.startDate),
    ...(e.stopDate !== undefined ? { stopDate: seconds(e.stopDate) } : {}),
  };
}

function describe(e: ExecutionRecord): Record<string, unknown> {
  return {
    ...summary(e),
    input: e.input,
    inputDetails: { included: true },
    ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
    redriveCount: e.redriveCount,
    ...(e.redriveDate !== undefined ? { redriveDate: seconds(e.redriveDate) } : {}),
  };
}

function historyEvent(e: StoredEvent, includeData: boolean): Record<string, unknown> {
  const { timestamp, ...rest } = e;
  const event: Record<string, unknown> = { ...rest, timestamp: seconds(timestamp) };
  if (!includeData) {
    for (const [k, v] of Object.entries(event)) {
      if (k.endsWith('EventDetails') && v && typeof v === 'object') {
        const { input: _i, output: _o, parameters: _p, ...kept } = v as Record<string, unknown>;
        event[k] = kept;
      }
    }
  }
  return event;
}

const seconds = (ms: number) => ms / 1000;

function validation(message: string): SfnError {
  return new SfnError('ValidationException', `1 validation error detected: ${message}`);
}

function str(b: Body, key: string, required = false): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) {
    if (required) throw validation(`Value null at '${key}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (typeof v !== 'string') throw validation(`Value at '${key}' must be a string`);
  return v;
}

function bool(b: Body, key: string): boolean | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw validation(`Value at '${key}' must be a boolean`);
  return v;
}

function maxResults(b: Body): number {
  const v = b['maxResults'];
  if (v === undefined || v === null || v === 0) return 100;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1000) {
    throw validation(`Value at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 1000`);
  }
  return v;
}

function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeToken<T>(token: string | undefined): T | undefined {
  if (token === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object') return value as T;
  } catch {
    // falls through
  }
  throw new SfnError('InvalidToken', 'Invalid nextToken');
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}
