import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ParticipantStatus } from '../../../schemas/staff.js';
import type { BodyOf } from '../../common/api-client.js';
import { formatShortDateTime } from '../app/format.js';
import { HELP_LABELS, STATUS_LABELS, labelOf } from '../app/labels.js';
import { Link, navigate, useFocusOnNavigation, withQuery } from '../app/router.js';
import { call, currentMe } from '../app/session.js';
import { setTitle, type ViewProps } from '../app/views.js';
import { DuplicateFlag, LoadProblem, Loading, Name, Reference, StatusBadge } from '../components/common.js';

/**
 * The site's participants, newest first, filtered by status, paged by the API's cursor; and the
 * search by name or reference. The search text stays in memory, never in the address (it may be
 * a name, and addresses end up in histories and logs); going back to the list keeps it.
 */

export type Summary = BodyOf<'ListParticipants'>['items'][number];
type SearchResult = BodyOf<'SearchParticipants'>;

/** The last search of this tab (memory only), so "back" from a record returns to its results. */
const lastSearch = signal<{ q: string; result: SearchResult | null; problem: string | null } | null>(null);

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

  const search = lastSearch.value;
  const searching = search !== null;

  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Teilnehmende
      </h1>
      <p class="lead">{me.site ? `${me.site.name} · neueste Anmeldungen zuerst` : 'Neueste Anmeldungen zuerst'}</p>

      <SearchForm />

      {searching ? (
        <SearchResults search={search} />
      ) : (
        <>
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
          {count > 0 && <ParticipantTable items={state.items} me={me} caption="Teilnehmende, neueste zuerst" />}

          {state.problem === 'more' && <LoadProblem message="Weitere Einträge konnten nicht geladen werden." onRetry={() => void load(state.cursor)} />}
          {state.cursor && state.problem !== 'more' && (
            <p class="more">
              <button type="button" class="button button--secondary" aria-disabled={state.loading === 'more' ? 'true' : undefined} onClick={() => state.loading !== 'more' && void load(state.cursor)}>
                {state.loading === 'more' ? 'Wird geladen …' : 'Weitere laden'}
              </button>
            </p>
          )}
          <p class="visually-hidden" role="status">
            {state.announcement}
          </p>
        </>
      )}
    </>
  );
}

export function Assignee({ assignee, me }: { assignee: Summary['assignedTo']; me: { sub: string } }) {
  if (!assignee) return <span class="muted">niemand</span>;
  return <span>{assignee.sub === me.sub ? `${assignee.username} (Sie)` : assignee.username}</span>;
}

export function ParticipantTable({ items, me, caption }: { items: Summary[]; me: { sub: string }; caption: string }) {
  return (
    <table class="table table--cards participants">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Nummer</th>
          <th scope="col">Status</th>
          <th scope="col">Angemeldet</th>
          <th scope="col">Gewünschte Hilfe</th>
          <th scope="col">Zuständig</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
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
            <td data-label="Zuständig">
              <Assignee assignee={p.assignedTo} me={me} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

let searchTicket = 0;

/** Runs a search and keeps its result for this tab. */
async function runSearch(q: string): Promise<void> {
  const ticket = ++searchTicket;
  lastSearch.value = { q, result: null, problem: null };
  try {
    const res = await call('SearchParticipants', { query: { q } });
    if (ticket !== searchTicket) return;
    if (res.ok) lastSearch.value = { q, result: res.body, problem: null };
    else lastSearch.value = { q, result: null, problem: res.body?.errors?.[0]?.message ?? res.body?.message ?? 'Die Suche hat nicht geklappt.' };
  } catch {
    if (ticket === searchTicket) lastSearch.value = { q, result: null, problem: 'Keine Verbindung zum Server. Bitte versuchen Sie es noch einmal.' };
  }
}

function SearchForm() {
  const [q, setQ] = useState(lastSearch.value?.q ?? '');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="search"
      role="search"
      aria-label="Teilnehmende suchen"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const text = q.trim();
        if (!text) {
          setError('Bitte geben Sie einen Namen oder eine Nummer ein.');
          return;
        }
        setError(null);
        void runSearch(text);
      }}
    >
      <label class="field__label" for="search-q">
        Suchen nach Name oder Nummer
      </label>
      <p id="search-help" class="field__help">
        Zum Beispiel „Beispiel“, „Erika Bei“ oder die Nummer, auch klein und ohne Bindestrich.
      </p>
      {error && (
        <p id="search-error" class="field__error">
          <span class="visually-hidden">Fehler: </span>
          {error}
        </p>
      )}
      <div class="search__row">
        <input
          id="search-q"
          type="search"
          class="input"
          value={q}
          maxLength={100}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'search-error search-help' : 'search-help'}
          onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="button button--primary">
          Suchen
        </button>
        {lastSearch.value && (
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              searchTicket++;
              lastSearch.value = null;
              setQ('');
            }}
          >
            Suche beenden
          </button>
        )}
      </div>
    </form>
  );
}

function SearchResults({ search }: { search: NonNullable<typeof lastSearch.value> }) {
  const me = currentMe();
  const r = search.result;
  const summary = search.problem
    ? search.problem
    : !r
      ? ''
      : r.items.length === 0
        ? `Niemand gefunden für „${search.q}“.`
        : `${r.items.length} ${r.items.length === 1 ? 'Treffer' : 'Treffer'} für „${search.q}“${r.by === 'reference' ? ' (Nummer)' : ''}.${r.truncated ? ' Es gibt mehr: bitte genauer suchen.' : ''}`;
  return (
    <>
      <p class={search.problem ? 'list-summary field__error' : 'list-summary'} role="status">
        {summary}
      </p>
      {!r && !search.problem && <Loading label="Es wird gesucht …" />}
      {r && r.items.length > 0 && me && <ParticipantTable items={r.items} me={me} caption={`Suchergebnisse für „${search.q}“`} />}
    </>
  );
}
