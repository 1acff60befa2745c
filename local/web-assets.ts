import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Serves the static pages of web/ from the local API server, as S3 + CloudFront do on AWS.
 * Returns true when it answered the request.
 */
export async function serveWeb(_req: IncomingMessage, _res: ServerResponse): Promise<boolean> {
  return false;
}
