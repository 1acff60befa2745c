import { useEffect, useRef, useState } from 'preact/hooks';
import type { ParticipantStatus } from '../../../schemas/staff.js';
import type { BodyOf } from '../../shared/api-client.js';
import { formatShortDateTime } from '../app/format.js';
import { HELP_LABELS, STATUS_LABELS, labelOf } from '../app/labels.js';
import { Link, navigate, useFocusOnNavigation, withQuery } from '../app/router.js';
import { call } from '../app/session.js';
import { setTitle, type ViewProps } from '../app/views.js';
import { DuplicateFlag, LoadProblem, Loading, Name, Reference, StatusBadge } from '../components/common.js';

/** The site's participants, newest first, filtered by status, paged by the API's cursor. */

type Summary = BodyOf<'ListParticipants'>['items'][number];

const PAGE_SIZE = 25;

/** The statuses in the order of the filter (from the labels: no schema code in the bundle). */
const STATUSES = Object.keys(STATUS_LABELS) as ParticipantStatus[];

interface ListState {
  items: Summary[];
  cursor: string | null;
  loading: 'first' | 'more' | null;
  problem: 'first' | 'more' | null;
  /** Read out after "Weitere laden". */
  announcement: string;
}

function statusOf(query: URLSearchParams): ParticipantStatus | undefined {
  const s = query.get('status');
  return (STATUSES as string[]).includes(s ?? '') ? (s as ParticipantStatus) : undefined;
}

export function ParticipantsView({ query, me }: ViewProps) {
  const status = statusOf(query);
  const [state, setState] = useState<ListState>({ items: [], cursor: null, loading: 'first', problem: null, announcement: '' });
  const latest = useRef(0);
  const heading = useFocusOnNavigation<HTMLHeadingElement>(state.loading !== 'first');
  setTitle('Teilnehmende');

  const load = async (cursor: string | null) => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: cursor ? 'more' : 'first', problem: null, ...(cursor ? {} : { items: [], cursor: null }) }));
    try {
      const res = await call('ListParticipants', { query: { status, cursor: cursor ?? undefined, limit: PAGE_SIZE } });
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
  const summary =
    state.loading === 'first' || state.problem === 'first'
      ? ''
      : count === 0
        ? status
          ? `Keine Teilnehmenden mit dem Status „${STATUS_LABELS[status]}“.`
          : 'Noch keine Teilnehmenden.'
        : `${count} ${count === 1 ? 'Person' : 'Personen'}${state.cursor ? ' angezeigt, weitere vorhanden' : ''}${status ? ` mit dem Status „${STATUS_LABELS[status]}“` : ''}.`;

  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Teilnehmende
      </h1>
      <p class="lead">{me.site ? `${me.site.name} · neueste Anmeldungen zuerst` : 'Neueste Anmeldungen zuerst'}</p>

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
                onChange={() => navigate(withQuery('/participants', { status: s }), { replace: true })}
              />
              <span class="chip__label">{s ? STATUS_LABELS[s] : 'alle'}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <p class="list-summary" role="status">
        {summary}
      </p>

      {state.loading === 'first' && <Loading label="Teilnehmende werden geladen …" />}
      {state.problem === 'first' && <LoadProblem onRetry={() => void load(null)} />}

      {count > 0 && (
        <table class="table participants">
          <caption class="visually-hidden">Teilnehmende, neueste zuerst</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Nummer</th>
              <th scope="col">Status</th>
              <th scope="col">Angemeldet</th>
              <th scope="col">Gewünschte Hilfe</th>
            </tr>
          </thead>
          <tbody>
            {state.items.map((p) => (
              <tr key={p.id}>
                <th scope="row" class="participants__name">
                  <Link to={`/participants/${p.id}`} class="row-link">
                    <Name first={p.firstName} last={p.lastName} />
                  </Link>
                  <DuplicateFlag count={p.duplicates} />
                </th>
                <td data-label="Nummer">
                  <Reference value={p.reference} />
                </td>
                <td data-label="Status">
                  <StatusBadge status={p.status} />
                </td>
                <td data-label="Angemeldet">{formatShortDateTime(p.createdAt)}</td>
                <td data-label="Hilfe">{p.help.map((h) => labelOf(HELP_LABELS, h)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {state.problem === 'more' && <LoadProblem message="Weitere Einträge konnten nicht geladen werden." onRetry={() => void load(state.cursor)} />}
      {state.cursor && state.problem !== 'more' && (
        <p class="more">
          <button type="button" class="button button--secondary" disabled={state.loading === 'more'} onClick={() => void load(state.cursor)}>
            {state.loading === 'more' ? 'Wird geladen …' : 'Weitere laden'}
          </button>
        </p>
      )}
      <p class="visually-hidden" role="status">
        {state.announcement}
      </p>
    </>
  );
}
