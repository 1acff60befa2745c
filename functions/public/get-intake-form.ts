import { buildFormDefinition } from '../../schemas/form-definition.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../schemas/languages.js';
import { GetIntakeForm } from '../../schemas/routes/intake-form.js';
import { apiHandler } from '../lib/api-handler.js';
import { config } from '../lib/config.js';

/** GET /api/forms/intake?lang=xx — the localised form definition; an unknown language falls back to German. */
const definitions = new Map<Language, ReturnType<typeof buildFormDefinition>>();

export const handler = apiHandler(GetIntakeForm, async ({ query }) => {
  const lang = isLanguage(query.lang) ? query.lang : DEFAULT_LANGUAGE;
  let definition = definitions.get(lang);
  if (!definition) {
    definition = buildFormDefinition(lang, config().sites);
    definitions.set(lang, definition);
  }
  return { status: 200, body: definition, headers: { 'cache-control': 'public, max-age=300', 'content-language': lang } };
});
