import sesLocalModule from 'aws-ses-v2-local';
import type { Server } from 'node:http';
import { close, PortInUseError } from './listen.js';

// A CommonJS module whose default export is the server factory.
const sesLocal = ((sesLocalModule as unknown as { default?: typeof sesLocalModule }).default ?? sesLocalModule) as unknown as (
  config: { host: string; port: number },
) => Promise<Server>;

export interface LocalMail {
  endpoint: string;
  /** The inbox UI of aws-ses-v2-local. */
  inboxUrl: string;
  stop(): Promise<void>;
}

/** aws-ses-v2-local on loopback: SES v2 API for the handlers, an inbox UI for people. */
export async function startMail(opts: { port: number; host: string }): Promise<LocalMail> {
  // Express 5 hands a listen error to the callback, so the server comes back not listening.
  const server: Server = await sesLocal({ host: opts.host, port: opts.port });
  if (!server.listening) {
    server.close();
    throw new PortInUseError(opts.port, 'MAIL_PORT');
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const endpoint = `http://${opts.host}:${port}`;
  return { endpoint, inboxUrl: `${endpoint}/`, stop: () => close(server) };
}

export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  /** The Reply-To addresses (empty when none). */
  replyTo: string[];
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** Reads the local inbox (GET /store). */
export async function readInbox(endpoint: string): Promise<StoredMail[]> {
  const res = await fetch(`${endpoint}/store`);
  const body = (await res.json()) as { emails: StoredMail[] };
  return body.emails;
}
