import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { dataNoticePage } from '../../functions/domain/data-notice.js';
import { handler } from '../../functions/public/get-data-notice.js';
import { CURRENT_NOTICE, NOTICE_VERSIONS, SUPERVISORY_AUTHORITY } from '../../schemas/data-notice.js';
import { NOTICE_ARCHIVE, NOTICE_TEXTS } from '../../schemas/i18n/notice.js';
import { ConsentSchema } from '../../schemas/intake.js';
import { LANGUAGES, LANGUAGE_CODES } from '../../schemas/languages.js';
import { GetDataNotice } from '../../schemas/routes/data-notice.js';
import { RECORD_TYPES } from '../../schemas/retention.js';
import { DEMO_SITES, type Site } from '../../schemas/sites.js';
import { checkResponse } from '../contract.js';
import { lambdaContext, readEvent } from '../fixtures.js';

const get = async (query: Record<string, string>) => {
  const event = readEvent('get-data-notice-ar.json');
  const res = (await handler({ ...event, rawQueryString: new URLSearchParams(query).toString(), queryStringParameters: query }, lambdaContext)) as APIGatewayProxyStructuredResultV2;
  return { res, html: checkResponse(GetDataNotice, res).body as string };
};

/** Visible text: tags dropped, entities of escaped values decoded. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('GET /datenschutz (the Art. 13 notice)', () => {
  it.each(LANGUAGE_CODES)('is complete for a site in %s, from the configuration', async (lang) => {
    const site = DEMO_SITES[1]!;
    const { res, html } = await get({ site: site.id, lang });
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-language']).toBe(lang);
    expect(res.headers?.['content-security-policy']).toContain("default-src 'none'");
    const dir = LANGUAGES.find((l) => l.code === lang)!.dir;
    expect(html).toContain(`<html lang="${lang}" dir="${dir}">`);
    const text = textOf(html);
    const t = NOTICE_TEXTS[lang];
    // The controller and how to reach them, the office with its hours, the DPO, the authority.
    for (const value of [site.controller.name, site.controller.email, site.controller.phone, site.office.phone, site.office.replyTo, site.office.address.street, site.dpo.name, site.dpo.email])
      expect(text).toContain(value);
    expect(text).toContain(SUPERVISORY_AUTHORITY.name);
    expect(text).toContain(SUPERVISORY_AUTHORITY.email);
    expect(html.match(/<li>[^<]*: <bdi dir="ltr">\d\d:\d\d–\d\d:\d\d<\/bdi><\/li>/g)).toHaveLength(site.office.openingHours.length);
    // Purposes and legal bases, the separate Art. 9(2)(a) consent, recipients, every right.
    for (const key of ['purposeSupport', 'purposeContact', 'purposeReporting', 'purposeSpecial', 'recipientFunder', 'recipientJobcenter', 'recipientProcessor', 'complaintText'] as const)
      expect(text).toContain(t[key]);
    expect(t.purposeSpecial).toMatch(/9\s?\(2\)|9 Abs\. 2|9, пар\. 2|9 ust\. 2|9 alin\. \(2\)/);
    for (const right of ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'withdrawal'] as const) expect(text).toContain(t.rights[right]);
    // A line per record type of schemas/retention.ts, its period filled in.
    for (const type of RECORD_TYPES) expect((t.retention as Record<string, string>)[type]).toBeTruthy();
    expect(text).not.toMatch(/\{(days|months|until|site|version|date)\}/);
    expect(text).toContain(new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date('2034-12-31T00:00:00Z')));
    expect(text).toContain(CURRENT_NOTICE.version);
  });

  it('links every language of the same site, marking the current one', async () => {
    const { html } = await get({ site: 'marxloh', lang: 'fa' });
    expect(html.match(/hreflang=/g)).toHaveLength(LANGUAGES.length);
    expect(html).toContain('href="/datenschutz?site=marxloh&amp;lang=de" lang="de" dir="ltr"');
    expect(html).toMatch(/lang="fa" dir="rtl" hreflang="fa" aria-current="page"/);
  });

  it('without a site lists the sites; an unknown site or version is a 404 page', async () => {
    const list = await get({ lang: 'de' });
    expect(list.res.statusCode).toBe(200);
    for (const s of DEMO_SITES) expect(list.html).toContain(`href="/datenschutz?site=${s.id}&amp;lang=de"`);
    const unknown = await get({ site: 'elsewhere', lang: 'de' });
    expect(unknown.res.statusCode).toBe(404);
    expect(unknown.html).toContain('href="/datenschutz?site=marxloh&amp;lang=de"');
    expect((await get({ site: 'marxloh', version: '1999-01' })).res.statusCode).toBe(404);
  });

  it('falls back to German for an unknown language', async () => {
    expect((await get({ site: 'marxloh', lang: 'xx' })).html).toContain('<html lang="de" dir="ltr">');
  });

  it('escapes every configured value', () => {
    const site: Site = { ...DEMO_SITES[0]!, controller: { ...DEMO_SITES[0]!.controller, name: '<script>alert(1)</script> & Co' } };
    const html = dataNoticePage({ lang: 'de', site, sites: [site], funderRetentionEnd: '2034-12-31' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
  });
});

describe('notice versions', () => {
  it('the intake accepts consent to the current version only; earlier versions stay readable word for word', async () => {
    expect(CURRENT_NOTICE).toBe(NOTICE_VERSIONS[NOTICE_VERSIONS.length - 1]);
    expect(NOTICE_VERSIONS.map((v) => v.since)).toEqual([...NOTICE_VERSIONS.map((v) => v.since)].sort());
    expect(ConsentSchema.safeParse({ noticeVersion: CURRENT_NOTICE.version, accepted: true }).success).toBe(true);
    for (const earlier of NOTICE_VERSIONS.slice(0, -1)) {
      // The next participants are shown the new version; a form still carrying the old one is refused …
      expect(ConsentSchema.safeParse({ noticeVersion: earlier.version, accepted: true }).success).toBe(false);
      // … while what earlier participants agreed to is kept, in every language, and shown on request.
      for (const lang of LANGUAGE_CODES) expect(NOTICE_ARCHIVE[earlier.version]?.[lang]?.text.length).toBeGreaterThan(100);
      const { res, html } = await get({ site: 'marxloh', lang: 'de', version: earlier.version });
      expect(res.statusCode).toBe(200);
      expect(textOf(html)).toContain(NOTICE_ARCHIVE[earlier.version]!.de.text);
      expect(html).toContain(`href="/datenschutz?site=marxloh&amp;lang=de">`);
    }
  });
});
