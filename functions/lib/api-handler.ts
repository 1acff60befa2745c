import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { errorResponse } from './errors.js';
import { HttpError, requestLanguage, type HttpResult } from './http.js';
import { injectInvocationLogger, logger } from './logger.js';

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiFunction = (event: ApiEvent, context: Context) => Promise<HttpResult>;

/**
 * Wraps a route function: Lambda context in the logs, and every thrown error mapped to an HTTP
 * response in one place (functions/lib/http.ts). Unexpected errors are logged without the event.
 */
export function apiHandler(fn: ApiFunction) {
  return middy<ApiEvent, HttpResult>()
    .use(injectInvocationLogger())
    .use({
      onError: async (request) => {
        const err = request.error;
        const lang = err instanceof HttpError && err.lang ? err.lang : requestLanguage(request.event);
        if (!(err instanceof HttpError)) logger.error('unhandled error', err instanceof Error ? err : String(err));
        request.response = errorResponse(err, lang);
      },
    })
    .handler(fn);
}
