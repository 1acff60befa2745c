import { buildFormDefinition, type FormDefinition } from '../../schemas/form-definition.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../schemas/languages.js';
import { apiHandler } from '../lib/api-handler.js';
import { config } from '../lib/config.js';
import { jsonText } from '../lib/http.js';

/** GET /api/forms/intake?lang=xx — the localised form definition; an unknown language falls back to German. */
const definitions = new Map<Language, string>();

function definitionJson(lang: Language): string {
  let body = definitions.get(lang);
  if (!body) {
    const definition: FormDefinition = buildFormDefinition(lang, config().sites);
    body = JSON.stringify(definition);
    definitions.set(lang, body);
  }
  return body;
}

export const handler = apiHandler(async (event) => {
  const requested = event.queryStringParameters?.['lang'];
  const lang = isLanguage(requested) ? requested : DEFAULT_LANGUAGE;
  return jsonText(200, definitionJson(lang), { 'cache-control': 'public, max-age=300', 'content-language': lang });
});
