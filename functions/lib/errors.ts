import { message } from '../../schemas/i18n/messages.js';
import type { Language } from '../../schemas/languages.js';
import { HttpError, json, type HttpResult } from './http.js';

/** Maps anything thrown to a response. Unknown errors become a plain 500 with no detail. */
export function errorResponse(err: unknown, lang: Language): HttpResult {
  if (err instanceof HttpError) {
    const body: Record<string, unknown> = { code: err.code, message: message(lang, err.code) };
    if (err.errors) body['errors'] = err.errors;
    return json(err.status, body, err.headers);
  }
  return json(500, { code: 'server_error', message: message(lang, 'server_error') });
}
