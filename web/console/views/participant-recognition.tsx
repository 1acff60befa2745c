import { countryName } from '../app/labels.js';
import { bodyText } from '../app/recognition-text.js';
import { Link } from '../app/router.js';
import { NextDeadline, RecognitionStateBadge } from './recognition-cases.js';
import type { ParticipantRecord } from './participant-sections.js';

/** The participant's recognition cases on their record (drafts from the intake too), newest first, each a link to its page. */
export function RecognitionSection({ cases }: { cases: ParticipantRecord['recognitionCases'] }) {
  return (
    <section class="card" aria-labelledby="recognition-title">
      <h2 id="recognition-title">Anerkennung</h2>
      {cases.length === 0 ? (
        <p class="muted">Noch kein Anerkennungsverfahren angelegt.</p>
      ) : (
        <ul class="placement-list">
          {cases.map((c) => (
            <li key={c.id} class="placement-list__item">
              <span>
                <Link to={`/recognition-cases/${c.id}`} class="row-link link-target">
                  <bdi>{c.profession}</bdi>
                </Link>{' '}
                <RecognitionStateBadge state={c.state} />
              </span>
              <span class="muted">
                {c.title && (
                  <>
                    <bdi>{c.title}</bdi>,{' '}
                  </>
                )}
                {countryName(c.country)}
                {c.state === 'draft' ? ' · aus der Anmeldung, Angaben noch zu ergänzen' : ` · ${bodyText(c.competentBody, c.competentBodyName)}`}
              </span>
              {c.state !== 'draft' && (
                <span>
                  Nächste Frist: <NextDeadline c={c} />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
