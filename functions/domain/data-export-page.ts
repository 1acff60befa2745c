import { DATA_EXPORT_KINDS } from '../../schemas/data-export.js';
import { EXPORT_TEXTS, type ExportTexts } from '../../schemas/i18n/export.js';
import { formTexts } from '../../schemas/i18n/form.js';
import { directionOf, type Language } from '../../schemas/languages.js';
import type { DataExport } from './data-export.js';
import { html, Html } from './html.js';

/**
 * The access export as a document to hand over, print or save as PDF (pure): the same items and
 * workflows as the JSON, in one of the ten languages, right-to-left for Arabic and Farsi. The
 * intake's fields carry the form's own labels and answers in that language; every other field its
 * stored name. Values sit in <bdi>, so an e-mail address or a reference reads correctly in RTL.
 */
export function dataExportDocument(x: DataExport, lang: Language, siteName: string): string {
  const t = EXPORT_TEXTS[lang];
  const dir = directionOf(lang);
  const kinds = DATA_EXPORT_KINDS.filter((k) => (x.counts[k] ?? 0) > 0);
  const label = labeller(lang);
  const page = html`<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${t.title} – ${x.reference}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<main>
<h1>${t.title}</h1>
<p>${t.intro}</p>
<p class="hint">${t.printHint}</p>
<dl class="meta">
<dt>${t.reference}</dt><dd><bdi>${x.reference}</bdi></dd>
<dt>${t.site}</dt><dd><bdi>${siteName}</bdi></dd>
<dt>${t.exportedAt}</dt><dd><bdi>${x.exportedAt}</bdi></dd>
</dl>
<nav aria-labelledby="toc"><h2 id="toc">${t.contents}</h2><ol>
${kinds.map((k) => html`<li><a href="#k-${k}">${t[`k_${k}`]}</a> (${x.counts[k]})</li>`)}
<li><a href="#workflows">${t.workflows}</a> (${x.workflows.length})</li>
</ol></nav>
${kinds.map((k) => section(t, k, x.items.filter((i) => i.kind === k), label))}
<section aria-labelledby="workflows"><h2 id="workflows">${t.workflows}</h2><p>${t.workflowsIntro}</p>
${x.workflows.length === 0 ? html`<p>${t.none}</p>` : html`<table><thead><tr><th scope="col">${t.workflow}</th><th scope="col">${t.status}</th><th scope="col">${t.started}</th><th scope="col">${t.ended}</th></tr></thead><tbody>
${x.workflows.map((w) => html`<tr><th scope="row">${t[`wf_${w.workflow}`]} <bdi class="tech">${w.name}</bdi></th><td><bdi>${w.status}</bdi></td><td><bdi>${w.startDate ?? '–'}</bdi></td><td><bdi>${w.stopDate ?? '–'}</bdi></td></tr>`)}
</tbody></table>`}
</section>
<p class="hint">${t.fieldNote}</p>
</main>
</body>
</html>
`;
  return page.value;
}

type Labeller = (path: string, value: string) => { label: string; value: string };

function section(t: ExportTexts, kind: (typeof DATA_EXPORT_KINDS)[number], items: DataExport['items'], label: Labeller): Html {
  return html`<section aria-labelledby="k-${kind}"><h2 id="k-${kind}">${t[`k_${kind}`]}</h2><p>${t[`d_${kind}`]}</p>
${items.map((i) => html`<table><caption>${t.storedAs}: <bdi class="tech">${i.key.PK} · ${i.key.SK}</bdi>${i.expired ? html` – <strong>${t.expired}</strong>` : ''}</caption>
<thead><tr><th scope="col">${t.field}</th><th scope="col">${t.value}</th></tr></thead><tbody>
${flatten(i.attributes).map(([path, value]) => {
    const shown = label(path, value);
    return html`<tr><th scope="row">${shown.label}</th><td><bdi>${shown.value}</bdi></td></tr>`;
  })}
</tbody></table>`)}
</section>`;
}

/** Nested attributes as `a.b.c` rows; lists of plain values joined, lists of objects numbered. */
export function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || value === undefined) return [[prefix, '–']];
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return [[prefix, value.length ? value.join(', ') : '–']];
    return value.flatMap((v, i) => flatten(v, `${prefix}[${i + 1}]`));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [[prefix, '–']];
    return entries.flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, String(value)]];
}

/** The intake form's label and answer text for the entry's fields (entry.person.firstName → "Vorname"). */
function labeller(lang: Language): Labeller {
  const form = formTexts(lang);
  const fields = form.fields as Record<string, { label?: string }>;
  const options = form.options as Record<string, Record<string, string>>;
  return (path, value) => {
    const field = path.replace(/^entry\./, '');
    if (field === path || !fields[field]?.label) return { label: path, value };
    const answers = options[field] ?? (field.startsWith('part2.') ? options['part2'] : undefined);
    const shown = answers ? value.split(', ').map((v) => answers[v] ?? v).join(', ') : value;
    return { label: fields[field]!.label!, value: shown };
  };
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #0b5394}
.hint{color:#444}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.75rem 0 1.25rem;break-inside:auto}
caption{text-align:start;font-size:.9rem;color:#444;padding:.25rem 0}
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:start;vertical-align:top;overflow-wrap:anywhere}
thead th{background:#e8eef6}tbody th{font-weight:600;width:40%}
.tech{font-family:ui-monospace,monospace;font-size:.85rem}
a{color:#0b5394}
@media print{a{color:inherit;text-decoration:none}h2{break-after:avoid}tr{break-inside:avoid}}
`;
