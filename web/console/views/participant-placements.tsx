import type { ParticipantRecord } from './participant-sections.js';
import { PLACEMENT_OUTCOME_LABELS, labelOf } from '../app/labels.js';
import { Link } from '../app/router.js';
import { PlacementStatusBadge, periodText } from './placements.js';

/** The participant's trial placements on their record, newest first, each a link to its page. */
export function PlacementsSection({ placements }: { placements: ParticipantRecord['placements'] }) {
  return (
    <section class="card" aria-labelledby="placements-title">
      <h2 id="placements-title">Erprobungen</h2>
      {placements.length === 0 ? (
        <p class="muted">Noch keine Erprobung angefragt.</p>
      ) : (
        <ul class="placement-list">
          {placements.map((pl) => (
            <li key={pl.id} class="placement-list__item">
              <span>
                <Link to={`/placements/${pl.id}`} class="row-link link-target">
                  <bdi>{pl.employerName}</bdi>
                </Link>{' '}
                <PlacementStatusBadge status={pl.status} />
              </span>
              <span class="muted">
                <bdi>{pl.role}</bdi>, {periodText(pl)}
                {pl.outcome ? ` · Ergebnis: ${labelOf(PLACEMENT_OUTCOME_LABELS, pl.outcome)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
