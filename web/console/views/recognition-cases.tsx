import { useEffect, useRef, useState } from 'preact/hooks';
import type { CompetentBody, RecognitionCaseState } from '../../../schemas/recognition.js';
import type { BodyOf } from '../../common/api-client.js';
import { formatShortDay } from '../app/format.js';
import { COMPETENT_BODY_LABELS, DEADLINE_LABELS, RECOGNITION_STATE_LABELS, countryName, labelOf } from '../app/labels.js';
import { bodyText } from '../app/recognition-text.js';
import { Link, navigate, useFocusOnNavigation, withQuery } from '../app/router.js';
import { call } from '../app/session.js';
import { setTitle, type ViewProps } from '../app/views.js';
import { LoadProblem, Loading, Reference } from '../components/common.js';

/**
 * The site's recognition cases (BQFG), newest first, filtered by state, by an overdue deadline and
 * by the competent body (all three in the address), paged by the API's cursor. A row names the
 * qualification, the body, the state, the next deadline and the participant's number (the list
 * holds no names: the case only knows the id and the number).
 */

export type RecognitionSummary = BodyOf<'ListRecognitionCases'>['items'][number];

/** The states and bodies in the order of the filters (from the labels: no schema code in the bundle). */
const STATES = Object.keys(RECOGNITION_STATE_LABELS) as RecognitionCaseState[];
const BODIES = Object.keys(COMPETENT_BODY_LABELS) as CompetentBody[];
const OVERDUE = { true: 'nur überfällige', false: 'ohne überfällige' } as const;

export function RecognitionStateBadge({ state }: { state: RecognitionCaseState | string }) {
  return <span class={`badge badge--recognition-${state}`}>{labelOf(RECOGNITION_STATE_LABELS, state)}</span>;
}

/** "Entscheidung bis 05.07.2027" with "überfällig" when it has passed; "keine offene Frist". */
export function NextDeadline({ c }: { c: Pick<RecognitionSummary, 'nextDeadline' | 'state'> }) {
  const next = c.nextDeadline;
  if (!next) return <span class="muted">{c.state === 'draft' ? 'noch keine (Entwurf)' : 'keine offene Frist'}</span>;
  return (
    <span class="next-deadline">
      {DEADLINE_LABELS[next.deadline]} bis {formatShortDay(next.due)}
      {next.status === 'overdue' && (
        <>
          {' '}
          <span class="badge badge--overdue">überfällig</span>
        </>
      )}
    </span>
  );
}

const pick = <K extends string>(value: string | null, options: readonly K[]): K | undefined => ((options as readonly string[]).includes(value ?? '') ? (value as K) : undefined);

interface ListState {
  items: RecognitionSummary[];
  cursor: string | null;
  loading: 'first' | 'more' | null;
  problem: 'first' | 'more' | null;
  announcement: string;
}

export function RecognitionCasesView({ query, me }: ViewProps) {
  const state = pick(query.get('state'), STATES);
  const body = pick(query.get('body'), BODIES);
  const overdue = pick(query.get('overdue'), ['true', 'false'] as const);
  const [list, setList] = useState<ListState>({ items: [], cursor: null, loading: 'first', problem: null, announcement: '' });
  const latest = useRef(0);
  const heading = useFocusOnNavigation<HTMLHeadingElement>(list.loading !== 'first');
  setTitle('Anerkennung');

  const filters = { state, body, overdue };
  const go = (patch: Partial<typeof filters>) => navigate(withQuery('/recognition-cases', { ...filters, ...patch }), { replace: true });

  const load = async (cursor: string | null) => {
    const ticket = ++latest.current;
    setList((s) => ({ ...s, loading: cursor ? 'more' : 'first', problem: null, ...(cursor ? {} : { items: [], cursor: null }) }));
    try {
      const res = await call('ListRecognitionCases', { query: { state, body, overdue, cursor: cursor ?? undefined } });
      if (ticket !== latest.current) return;
      if (!res.ok) throw new Error(String(res.status));
      const page = res.body;
      setList((s) => ({
        items: cursor ? [...s.items, ...page.items] : page.items,
        cursor: page.cursor,
        loading: null,
        problem: null,
        announcement: cursor ? `${page.items.length} weitere geladen.` : '',
      }));
    } catch {
      if (ticket === latest.current) setList((s) => ({ ...s, loading: null, problem: cursor ? 'more' : 'first' }));
    }
  };

  useEffect(() => {
    void load(null);
  }, [state, body, overdue]);

  const count = list.items.length;
  const filtered = [
    state ? `Stand „${RECOGNITION_STATE_LABELS[state]}“` : '',
    body ? `Stelle „${COMPETENT_BODY_LABELS[body]}“` : '',
    overdue === 'true' ? 'mit überfälliger Frist' : overdue === 'false' ? 'ohne überfällige Frist' : '',
  ].filter(Boolean);
  const label = filtered.length ? ` (${filtered.join(', ')})` : '';
  const summary =
    list.loading === 'first' || list.problem === 'first'
      ? ''
      : count === 0
        ? filtered.length
          ? `Keine Anerkennungsverfahren${label}.`
          : 'Noch keine Anerkennungsverfahren. Ein Verfahren legen Sie in der Akte der teilnehmenden Person an.'
        : `${count} Verfahren${list.cursor ? ' angezeigt, weitere vorhanden' : ''}${label}.`;

  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Anerkennung
      </h1>
      <p class="lead">{me.site ? `${me.site.name} · Anerkennung ausländischer Abschlüsse (BQFG), neueste zuerst` : 'Anerkennung ausländischer Abschlüsse, neueste zuerst'}</p>

      <div class="filters">
        <div class="field filters__field">
          <label class="field__label" for="filter-state">
            Stand
          </label>
          <select id="filter-state" class="input input--select" value={state ?? ''} onChange={(e) => go({ state: pick((e.currentTarget as HTMLSelectElement).value, STATES) })}>
            <option value="">alle</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {RECOGNITION_STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field filters__field">
          <label class="field__label" for="filter-body">
            Stelle
          </label>
          <select id="filter-body" class="input input--select" value={body ?? ''} onChange={(e) => go({ body: pick((e.currentTarget as HTMLSelectElement).value, BODIES) })}>
            <option value="">alle</option>
            {BODIES.map((b) => (
              <option key={b} value={b}>
                {COMPETENT_BODY_LABELS[b]}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="filter filters__field">
          <legend class="filter__legend">Fristen</legend>
          <div class="filter__options">
            {([undefined, 'true', 'false'] as const).map((o) => (
              <label class="chip" key={o ?? 'all'}>
                <input type="radio" class="chip__input" name="overdue" value={o ?? ''} checked={overdue === o} onChange={() => go({ overdue: o })} />
                <span class="chip__label">{o ? OVERDUE[o] : 'alle'}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      <p class="list-summary" role="status">
        {summary}
      </p>
      {list.loading === 'first' && <Loading label="Die Anerkennungsverfahren werden geladen …" />}
      {list.problem === 'first' && <LoadProblem onRetry={() => void load(null)} />}

      {count > 0 && (
        <div class="table-scroll">
          <table class="table table--cards recognition-cases">
            <caption class="visually-hidden">Anerkennungsverfahren{label}</caption>
            <thead>
              <tr>
                <th scope="col">Abschluss</th>
                <th scope="col">Zuständige Stelle</th>
                <th scope="col">Stand</th>
                <th scope="col">Nächste Frist</th>
                <th scope="col">Teilnehmende Person</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.id} class={c.overdue ? 'row--overdue' : undefined}>
                  <th scope="row">
                    <Link to={`/recognition-cases/${c.id}`} class="row-link">
                      <bdi>{c.profession}</bdi>
                    </Link>
                    <span class="recognition-cases__origin">
                      {c.title && (
                        <>
                          <bdi>{c.title}</bdi>,{' '}
                        </>
                      )}
                      {countryName(c.country)}
                    </span>
                  </th>
                  <td data-label="Stelle">{bodyText(c.competentBody, c.competentBodyName)}</td>
                  <td data-label="Stand">
                    <RecognitionStateBadge state={c.state} />
                  </td>
                  <td data-label="Nächste Frist">
                    <NextDeadline c={c} />
                  </td>
                  <td data-label="Person">
                    <Link to={`/participants/${c.participantId}`} class="link-target">
                      Akte <Reference value={c.participantReference} />
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <p class="visually-hidden" role="status">
        {list.announcement}
      </p>
      {list.problem === 'more' && <LoadProblem message="Weitere Verfahren konnten nicht geladen werden." onRetry={() => void load(list.cursor)} />}
      {list.cursor && list.problem !== 'more' && (
        <p class="more">
          <button type="button" class="button button--secondary" aria-disabled={list.loading === 'more' ? 'true' : undefined} onClick={() => list.loading !== 'more' && void load(list.cursor)}>
            {list.loading === 'more' ? 'Wird geladen …' : 'Weitere laden'}
          </button>
        </p>
      )}
    </>
  );
}
