import { useEffect, useRef, useState } from 'preact/hooks';
import { berlinToday, formatDateTime } from '../app/format.js';
import { FIGURE_LABELS } from '../app/labels.js';
import { PRESET_LABELS, PRESETS, periodFromQuery, periodOf, periodText, quarterBuckets, queryOfPeriod, type Bucket, type Period, type Preset } from '../app/periods.js';
import { navigate, useFocusOnNavigation, withQuery } from '../app/router.js';
import { call, type Me } from '../app/session.js';
import { setTitle, type ViewProps } from '../app/views.js';
import { LoadProblem, Loading } from '../components/common.js';
import type { BodyOf } from '../../common/api-client.js';
import { FigureDownloads } from './figures-downloads.js';
import { ChartLegend, OutcomesChart } from './figures-chart.js';

/**
 * "Zahlen": the project's figures for a period of entry days — for the project and per site
 * (coordinators), or the own site (leads, counsellors) — the outcomes per quarter as a chart with
 * the same numbers as a table, the exports, and a print layout for a one-page report. Nothing here
 * names a person: it is the coordinator's whole console. Loaded as a chunk of its own (with
 * chartist) when first opened.
 */

type Kpis = BodyOf<'GetKpis'>;
type Figures = Omit<Kpis, 'sites'>;
type Column = { key: string; name: string; figures: Figures };

type Load =
  | { kind: 'loading' }
  | { kind: 'problem'; message?: string }
  | { kind: 'ready'; kpis: Kpis; quarters: { bucket: Bucket; figures: Figures }[]; at: Date };

const ROWS = ['participants', 'unemployed', 'longTermUnemployed', 'migrantBackground', 'employment', 'training', 'improvedProspects', 'placementRate'] as const;
const OUTCOMES = ['employment', 'training', 'improvedProspects'] as const;

const count = new Intl.NumberFormat('de-DE');
const percent = new Intl.NumberFormat('de-DE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const cell = (f: Figures, k: (typeof ROWS)[number]) => (k === 'placementRate' ? percent.format(f.placementRate) : count.format(f[k]));

export function FiguresView({ me, query }: ViewProps) {
  const today = berlinToday();
  const period = periodFromQuery(query, today);
  const coordinator = me.role === 'coordinator';
  const site = coordinator ? (query.get('site') ?? '') : '';
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const ticket = useRef(0);
  const heading = useFocusOnNavigation<HTMLHeadingElement>(load.kind !== 'loading');
  setTitle('Zahlen');

  const read = async () => {
    const mine = ++ticket.current;
    setLoad((l) => (l.kind === 'ready' ? l : { kind: 'loading' }));
    const range = { from: period.from, to: period.to };
    const buckets = quarterBuckets(range, today);
    try {
      // The whole period over every site the caller may see (the site list comes with it), and each quarter for the chosen site.
      const [all, ...quarters] = await Promise.all([
        call('GetKpis', { query: range }),
        ...buckets.map((b) => call('GetKpis', { query: { from: b.from, to: b.to, site: site || undefined } })),
      ]);
      if (mine !== ticket.current) return;
      if (!all!.ok) return setLoad({ kind: 'problem', message: all!.status === 400 ? all!.body?.errors?.[0]?.message : undefined });
      const qs = [];
      for (const [i, q] of quarters.entries()) {
        if (!q.ok) return setLoad({ kind: 'problem' });
        const { sites: _sites, ...figures } = q.body;
        qs.push({ bucket: buckets[i]!, figures });
      }
      setLoad({ kind: 'ready', kpis: all!.body, quarters: qs, at: new Date() });
    } catch {
      if (mine === ticket.current) setLoad({ kind: 'problem' });
    }
  };

  useEffect(() => {
    void read();
  }, [period.from, period.to, site]);

  const go = (p: Period, s = site) => navigate(withQuery('/figures', { ...queryOfPeriod(p), site: s || undefined }), { replace: true });
  const siteName = load.kind === 'ready' ? load.kpis.sites.find((s) => s.site === site)?.name : undefined;
  const scope = coordinator ? (site ? (siteName ?? site) : 'alle Standorte') : (me.site?.name ?? '');

  return (
    <>
      <div class="figures-head">
        <h1 ref={heading} tabindex={-1}>
          Zahlen
        </h1>
        <p class="lead figures-scope">
          {scope} · {periodText(period)}
        </p>
        {load.kind === 'ready' && <p class="print-only">Stand der Zahlen: {formatDateTime(load.at.toISOString())}</p>}
        <PrintedAt />
      </div>
      <PeriodControls period={period} today={today} onChange={(p) => go(p)} />
      {coordinator && load.kind === 'ready' && (
        <div class="field filters__field no-print">
          <label class="field__label" for="figures-site">
            Standort
          </label>
          <select id="figures-site" class="input input--select" value={site} onChange={(e) => go(period, (e.currentTarget as HTMLSelectElement).value)}>
            <option value="">alle Standorte</option>
            {load.kpis.sites.map((s) => (
              <option key={s.site} value={s.site}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {coordinator && <p class="muted no-print">Die Koordination sieht nur Zahlen, keine Personen: Namen und Akten der Teilnehmenden erscheinen hier nie.</p>}

      {load.kind === 'loading' && <Loading label="Die Zahlen werden geladen …" />}
      {load.kind === 'problem' && <LoadProblem message={load.message ?? 'Die Zahlen konnten nicht geladen werden. Bitte prüfen Sie die Verbindung.'} onRetry={() => void read()} />}
      {load.kind === 'ready' && (
        <>
          <FiguresTable columns={columnsOf(load.kpis, me, site)} caption={`Kennzahlen, ${periodText(period)}`} />
          <QuarterSection quarters={load.quarters} />
          <FigureDownloads me={me} query={{ from: period.from, to: period.to, site: site || undefined }} />
        </>
      )}
    </>
  );
}

/** "Gedruckt am …": set when the browser starts printing (synchronously, before the print layout). */
function PrintedAt() {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const stamp = () => {
      if (ref.current) ref.current.textContent = `Gedruckt am ${formatDateTime(new Date().toISOString())}`;
    };
    stamp();
    window.addEventListener('beforeprint', stamp);
    return () => window.removeEventListener('beforeprint', stamp);
  }, []);
  return <p class="print-only" ref={ref} />;
}

/** The table's columns: the project and each site (coordinators, all sites), else the one site. */
function columnsOf(kpis: Kpis, me: Me, site: string): Column[] {
  const sites = kpis.sites.map(({ site: key, name, ...figures }) => ({ key, name, figures }));
  if (me.role !== 'coordinator') return sites;
  if (site) return sites.filter((s) => s.key === site);
  const { sites: _sites, ...total } = kpis;
  return [{ key: 'total', name: 'Projekt gesamt', figures: total }, ...sites];
}

function FiguresTable({ columns, caption }: { columns: Column[]; caption: string }) {
  return (
    // Focusable and named: a table wider than a phone scrolls with the keyboard too.
    <div class="table-scroll figures-table-wrap" tabindex={0} role="region" aria-labelledby="figures-caption">
      <table class="table figures-table">
        <caption id="figures-caption" class="figures-table__caption">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">Kennzahl</th>
            {columns.map((c) => (
              <th scope="col" key={c.key} class="num">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((k) => (
            <tr key={k} class={k === 'placementRate' ? 'figures-table__rate' : undefined} data-figure={k}>
              <th scope="row">
                {FIGURE_LABELS[k]}
                {k === 'placementRate' && <span class="figures-table__hint">(Arbeitsaufnahmen + Ausbildungen) / Teilnehmende</span>}
              </th>
              {columns.map((c) => (
                <td key={c.key} class="num" data-site={c.key}>
                  {cell(c.figures, k)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function QuarterSection({ quarters }: { quarters: { bucket: Bucket; figures: Figures }[] }) {
  if (!quarters.length) return null;
  const names = OUTCOMES.map((k) => FIGURE_LABELS[k]);
  return (
    <section class="card figures-quarters" aria-labelledby="quarters-title">
      <h2 id="quarters-title">Ergebnisse nach Eintrittsquartal</h2>
      <p class="muted">Je Quartal: die Teilnehmenden, die in diesem Quartal eingetreten sind, und ihre Ergebnisse beim Austritt. Die Zahlen des Diagramms stehen in der Tabelle darunter.</p>
      <figure class="figures-chart">
        <ChartLegend names={names} />
        <OutcomesChart labels={quarters.map((q) => q.bucket.short.replace(' ', '\n'))} series={OUTCOMES.map((k, i) => ({ name: names[i]!, values: quarters.map((q) => q.figures[k]) }))} />
      </figure>
      <div class="table-scroll" tabindex={0} role="region" aria-labelledby="quarters-caption">
        <table class="table table--compact quarters-table">
          <caption id="quarters-caption" class="visually-hidden">
            Ergebnisse nach Eintrittsquartal, Zahlen
          </caption>
          <thead>
            <tr>
              <th scope="col">Eintrittsquartal</th>
              <th scope="col" class="num">
                Teilnehmende
              </th>
              {OUTCOMES.map((k) => (
                <th scope="col" class="num" key={k}>
                  {FIGURE_LABELS[k]}
                </th>
              ))}
              <th scope="col" class="num">
                Vermittlungsquote
              </th>
            </tr>
          </thead>
          <tbody>
            {quarters.map(({ bucket, figures }) => (
              <tr key={bucket.label}>
                <th scope="row">{bucket.label}</th>
                <td class="num">{count.format(figures.participants)}</td>
                {OUTCOMES.map((k) => (
                  <td class="num" key={k}>
                    {count.format(figures[k])}
                  </td>
                ))}
                <td class="num">{percent.format(figures.placementRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The period: presets as chips, and two dates for one of one's own. */
function PeriodControls({ period, today, onChange }: { period: Period; today: string; onChange: (p: Period) => void }) {
  const [custom, setCustom] = useState(period.preset === 'custom');
  const [from, setFrom] = useState(period.from ?? '');
  const [to, setTo] = useState(period.to ?? '');
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setFrom(period.from ?? '');
    setTo(period.to ?? '');
  }, [period.from, period.to]);
  const chosen: Preset = custom ? 'custom' : period.preset;
  const apply = (e: Event) => {
    e.preventDefault();
    if (from && to && from > to) return setError('Das Ende liegt vor dem Anfang.');
    setError(undefined);
    onChange(periodOf('custom', today, { ...(from ? { from } : {}), ...(to ? { to } : {}) }));
  };
  return (
    <form class="figures-period no-print" onSubmit={apply} noValidate>
      <fieldset class="filter">
        <legend class="filter__legend">Zeitraum (Eintritte)</legend>
        <div class="filter__options">
          {PRESETS.map((p) => (
            <label class="chip" key={p}>
              <input
                type="radio"
                class="chip__input"
                name="period"
                value={p}
                checked={chosen === p}
                onChange={() => {
                  setCustom(p === 'custom');
                  if (p !== 'custom') onChange(periodOf(p, today));
                }}
              />
              <span class="chip__label">{PRESET_LABELS[p]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {custom && (
        <div class="figures-period__dates">
          <div class="field filters__field">
            <label class="field__label" for="figures-from">
              Eintritt von
            </label>
            <input id="figures-from" type="date" class="input input--date" value={from} max={today} onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <div class={error ? 'field filters__field field--invalid' : 'field filters__field'}>
            <label class="field__label" for="figures-to">
              bis
            </label>
            {error && (
              <p id="figures-to-error" class="field__error">
                <span class="visually-hidden">Fehler: </span>
                {error}
              </p>
            )}
            <input
              id="figures-to"
              type="date"
              class="input input--date"
              value={to}
              max={today}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'figures-to-error' : undefined}
              onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
          <button type="submit" class="button button--secondary figures-period__apply">
            Anzeigen
          </button>
        </div>
      )}
    </form>
  );
}
