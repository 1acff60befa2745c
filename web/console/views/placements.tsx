import { useEffect, useRef, useState } from 'preact/hooks';
import type { PlacementStatus } from '../../../schemas/placements.js';
import type { BodyOf } from '../../common/api-client.js';
import { formatShortDay } from '../app/format.js';
import { PLACEMENT_STATUS_LABELS, labelOf } from '../app/labels.js';
import { Link, navigate, useFocusOnNavigation, withQuery } from '../app/router.js';
import { call } from '../app/session.js';
import { setTitle, type ViewProps } from '../app/views.js';
import { LoadProblem, Loading, Reference } from '../components/common.js';

/**
 * The site's trial placements, newest first, filtered by status and paged by the API's cursor.
 * A row names the employer, the role, the dates and the participant's number (the list holds no
 * participant names: the placement only knows the id and the number).
 */

type Summary = BodyOf<'ListPlacements'>['items'][number];

/** The statuses in the order of the filter (from the labels: no schema code in the bundle). */
const STATUSES = Object.keys(PLACEMENT_STATUS_LABELS) as PlacementStatus[];

export function PlacementStatusBadge({ status }: { status: PlacementStatus | string }) {
  return <span class={`badge badge--placement-${status}`}>{labelOf(PLACEMENT_STATUS_LABELS, status)}</span>;
}

/** "03.03.2027 – 13.04.2027" */
export const periodText = (p: { startDate: string; endDate: string }) => `${formatShortDay(p.startDate)} – ${formatShortDay(p.endDate)}`;

function statusOf(query: URLSearchParams): PlacementStatus | undefined {
  const s = query.get('status');
  return (STATUSES as string[]).includes(s ?? '') ? (s as PlacementStatus) : undefined;
}

interface ListState {
  items: Summary[];
  cursor: string | null;
  loading: 'first' | 'more' | null;
  problem: 'first' | 'more' | null;
  announcement: string;
}

export function PlacementsView({ query, me }: ViewProps) {
  const status = statusOf(query);
  const [state, setState] = useState<ListState>({ items: [], cursor: null, loading: 'first', problem: null, announcement: '' });
  const latest = useRef(0);
  const heading = useFocusOnNavigation<HTMLHeadingElement>(state.loading !== 'first');
  setTitle('Erprobungen');

  const load = async (cursor: string | null) => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: cursor ? 'more' : 'first', problem: null, ...(cursor ? {} : { items: [], cursor: null }) }));
    try {
      const res = await call('ListPlacements', { query: { status, cursor: cursor ?? undefined } });
      if (ticket !== latest.current) return;
      if (!res.ok) throw new Error(String(res.status));
      const page = res.body;
      setState((s) => ({
        items: cursor ? [...s.items, ...page.items] : page.items,
        cursor: page.cursor,
        loading: null,
        problem: null,
        announcement: cursor ? `${page.items.length} weitere geladen.` : '',
      }));
    } catch {
      if (ticket === latest.current) setState((s) => ({ ...s, loading: null, problem: cursor ? 'more' : 'first' }));
    }
  };

  useEffect(() => {
    void load(null);
  }, [status]);

  const count = state.items.length;
  const label = status ? ` mit dem Status „${PLACEMENT_STATUS_LABELS[status]}“` : '';
  const summary =
    state.loading === 'first' || state.problem === 'first'
      ? ''
      : count === 0
        ? status
          ? `Keine Erprobungen${label}.`
          : 'Noch keine Erprobungen. Eine Erprobung fragen Sie in der Akte der teilnehmenden Person an.'
        : `${count} ${count === 1 ? 'Erprobung' : 'Erprobungen'}${state.cursor ? ' angezeigt, weitere vorhanden' : ''}${label}.`;

  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Erprobungen
      </h1>
      <p class="lead">{me.site ? `${me.site.name} · betriebliche Erprobungen, neueste zuerst` : 'Betriebliche Erprobungen, neueste zuerst'}</p>

      <fieldset class="filter">
        <legend class="filter__legend">Status</legend>
        <div class="filter__options">
          {[undefined, ...STATUSES].map((s) => (
            <label class="chip" key={s ?? 'all'}>
              <input
                type="radio"
                class="chip__input"
                name="status"
                value={s ?? ''}
                checked={status === s}
                onChange={() => navigate(withQuery('/placements', { status: s }), { replace: true })}
              />
              <span class="chip__label">{s ? PLACEMENT_STATUS_LABELS[s] : 'alle'}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <p class="list-summary" role="status">
        {summary}
      </p>
      {state.loading === 'first' && <Loading label="Die Erprobungen werden geladen …" />}
      {state.problem === 'first' && <LoadProblem onRetry={() => void load(null)} />}

      {count > 0 && (
        <div class="table-scroll">
          <table class="table table--cards placements">
            <caption class="visually-hidden">Erprobungen{label}</caption>
            <thead>
              <tr>
                <th scope="col">Betrieb und Tätigkeit</th>
                <th scope="col">Zeitraum</th>
                <th scope="col">Teilnehmende Person</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/placements/${p.id}`} class="row-link">
                      <bdi>{p.employerName}</bdi>
                    </Link>
                    <span class="placements__role">
                      <bdi>{p.role}</bdi>, {p.weeklyHours} Std./Woche
                    </span>
                  </th>
                  <td data-label="Zeitraum">{periodText(p)}</td>
                  <td data-label="Person">
                    <Link to={`/participants/${p.participantId}`} class="link-target">
                      Akte <Reference value={p.participantReference} />
                    </Link>
                  </td>
                  <td data-label="Status">
                    <PlacementStatusBadge status={p.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <p class="visually-hidden" role="status">
        {state.announcement}
      </p>
      {state.problem === 'more' && <LoadProblem message="Weitere Erprobungen konnten nicht geladen werden." onRetry={() => void load(state.cursor)} />}
      {state.cursor && state.problem !== 'more' && (
        <p class="more">
          <button type="button" class="button button--secondary" aria-disabled={state.loading === 'more' ? 'true' : undefined} onClick={() => state.loading !== 'more' && void load(state.cursor)}>
            {state.loading === 'more' ? 'Wird geladen …' : 'Weitere laden'}
          </button>
        </p>
      )}
    </>
  );
}
