import { useFocusOnNavigation } from '../app/router.js';
import { setTitle, type ViewProps } from '../app/views.js';

/**
 * "Zahlen": the project's figures. Until the reports exist this page only says so — it holds and
 * requests nothing personal, so it is the coordinator's whole console.
 */
export function FiguresView({ me }: ViewProps) {
  const heading = useFocusOnNavigation<HTMLHeadingElement>();
  setTitle('Zahlen');
  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Zahlen
      </h1>
      <section class="card" aria-labelledby="figures-soon">
        <h2 id="figures-soon">Die Zahlen kommen mit den Berichten</h2>
        <p>
          Hier erscheinen bald die Kennzahlen des Projekts{me.site ? ` für ${me.site.name}` : ' über alle Standorte'}: Teilnehmende, davon arbeitslos und
          langzeitarbeitslos, mit Migrationshintergrund, Arbeitsaufnahmen, Ausbildungen, verbesserte Perspektiven und die Vermittlungsquote.
        </p>
        <p>
          {me.role === 'coordinator'
            ? 'Die Koordination sieht nur Zahlen, keine Personen: Namen und Akten der Teilnehmenden erscheinen hier nie.'
            : 'Die Zahlen enthalten keine Namen; sie zählen jede Person nur einmal.'}
        </p>
      </section>
    </>
  );
}
