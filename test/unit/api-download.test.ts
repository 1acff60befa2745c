import { describe, expect, it } from 'vitest';
import { apiDownload } from '../../web/common/api-client.js';

describe('apiDownload (the pages\' client for CSV and XLSX)', () => {
  it('asks the route by its id, with the query and the token; hands back the file and its name', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fake = async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response('\uFEFFStandort;…', { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="biwaq-zahlen-marxloh-2026-01-01-bis-heute.csv"' } });
    };
    const got = await apiDownload('GetKpisCsv', { query: { from: '2026-01-01', to: undefined }, token: 't0k', fetch: fake });
    expect(seen[0]!.url).toBe('/api/staff/reports/kpis.csv?from=2026-01-01');
    expect(seen[0]!.init.headers).toEqual({ authorization: 'Bearer t0k' });
    expect(got.ok && got.filename).toBe('biwaq-zahlen-marxloh-2026-01-01-bis-heute.csv');
    // The bytes as sent, byte order mark included (Blob.text() would decode it away).
    expect(got.ok && [...new Uint8Array(await got.blob.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('hands back the error body on a refusal', async () => {
    const fake = async () => new Response(JSON.stringify({ code: 'forbidden', message: 'x' }), { status: 403 });
    expect(await apiDownload('GetParticipantsCsv', { fetch: fake })).toEqual({ ok: false, status: 403, body: { code: 'forbidden', message: 'x' } });
  });
});
