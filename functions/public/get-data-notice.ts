import { GetDataNotice } from '../../schemas/routes/data-notice.js';
import { isLanguage } from '../../schemas/languages.js';
import type { Reply } from '../../schemas/http/contract.js';
import { dataNoticePage, noticeVersion } from '../domain/data-notice.js';
import { apiHandler } from '../lib/api-handler.js';
import { config, siteById } from '../lib/config.js';

/** Public and the same for everyone: cacheable; no script, styles from our origin only. */
const HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'cache-control': 'public, max-age=300',
  'x-frame-options': 'DENY',
};

/** GET (and HEAD) /datenschutz?site=&lang=&version= — the Art. 13 notice of a site, as a page. */
export const handler = apiHandler(GetDataNotice, async ({ query, lang: requested }) => {
  const lang = isLanguage(query.lang) ? query.lang : requested;
  const site = query.site === undefined ? undefined : siteById(query.site);
  const version = noticeVersion(query.version);
  const known = (query.site === undefined || site !== undefined) && version !== undefined;
  const body = dataNoticePage({ lang, site: known ? site : undefined, sites: config().sites, version, funderRetentionEnd: config().funderRetentionEnd });
  return { status: known ? 200 : 404, body, headers: { ...HEADERS, 'content-language': lang } } as Reply<typeof GetDataNotice>;
});
