// chartist 1.5's declarations re-export extensionless paths, which NodeNext cannot follow: the
// names arrive untyped and are given the small types this file uses below.
// @ts-expect-error TS2305 (see above)
import { BarChart as UntypedBarChart, Svg as UntypedSvg } from 'chartist';
import { useEffect, useRef } from 'preact/hooks';

/**
 * The outcomes per quarter as bars (chartist, SVG). Only for the eye: the chart is `aria-hidden`
 * and the same numbers stand in a table beside it; the series differ by pattern as well as
 * colour (solid, striped, dotted; the legend shows both).
 *
 * The console's CSP forbids style attributes, and chartist writes two (the svg's size, the labels'
 * `overflow: visible`): they are left out here, and the stylesheet sets both (`.chart`).
 */

type Attributes = Record<string, unknown>;
type Attr = (this: unknown, attributes: Attributes | string, ns?: string) => unknown;
interface BarChartOptions {
  viewBox: { width: number; height: number };
  seriesBarDistance: number;
  axisX: { offset: number };
  axisY: { onlyInteger: boolean; offset: number };
  chartPadding: { top: number; right: number; bottom: number; left: number };
}
const BarChart = UntypedBarChart as new (el: Element, data: { labels: string[]; series: { name: string; data: number[] }[] }, options: BarChartOptions) => { detach(): void };
const Svg = UntypedSvg as { prototype: { attr: Attr } };

let patched = false;
function withoutStyleAttributes(): void {
  if (patched) return;
  patched = true;
  const attr = Svg.prototype.attr;
  Svg.prototype.attr = function (this: unknown, attributes: Attributes | string, ns?: string) {
    if (attributes && typeof attributes === 'object' && 'style' in attributes) {
      const { style: _dropped, ...rest } = attributes;
      return attr.call(this, rest, ns);
    }
    return attr.call(this, attributes, ns);
  };
}

export interface ChartSeries {
  name: string;
  values: number[];
}

export function OutcomesChart({ labels, series }: { labels: string[]; series: ChartSeries[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const data = JSON.stringify([labels, series]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    withoutStyleAttributes();
    // Drawn in the box's own width (text stays legible on a phone), scaled by CSS when it changes (print).
    const width = Math.max(280, Math.round(el.clientWidth || 720));
    const chart = new BarChart(
      el,
      { labels, series: series.map((s) => ({ name: s.name, data: s.values })) },
      {
        viewBox: { width, height: 260 },
        seriesBarDistance: width < 480 ? 8 : 14,
        axisY: { onlyInteger: true, offset: 32 },
        axisX: { offset: 36 },
        chartPadding: { top: 12, right: 8, bottom: 0, left: 0 },
      },
    );
    return () => chart.detach();
  }, [data]);
  return (
    <div class={labels.length > 6 ? 'chart chart--dense' : 'chart'} ref={ref} aria-hidden="true" />
  );
}

/** The legend: the pattern and colour of each series, in the chart's order. */
export function ChartLegend({ names }: { names: string[] }) {
  return (
    <ul class="chart-legend" aria-hidden="true">
      {names.map((n, i) => (
        <li key={n} class="chart-legend__item">
          <span class={`chart-legend__swatch chart-legend__swatch--${'abc'[i] ?? 'a'}`} />
          {n}
        </li>
      ))}
    </ul>
  );
}
