import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ROLE_LABELS, labelOf } from './labels.js';
import { Link, location, match, navigate, useFocusOnNavigation } from './router.js';
import { flash, session, signIn, signOut, type Me } from './session.js';
import { navFor, setTitle, startPathFor, type View } from './views.js';
import { Loading, Notice } from '../components/common.js';

/**
 * The console's frame: a skip link, the header with the navigation (collapsed behind "Menü" on a
 * phone) and the signed-in user, and the view the address names. Sign-in states are shown here;
 * views only ever render for a signed-in user whose role may open them.
 */

export function whoText(username: string, me: Me | undefined): string {
  return me
    ? `Angemeldet als ${username} (${labelOf(ROLE_LABELS, me.role)} · ${me.site?.name ?? 'alle Standorte'})`
    : `Angemeldet als ${username}`;
}

export function Shell({ views }: { views: readonly View[] }) {
  const s = session.value;
  const menuOpen = useSignal(false);
  const signedIn = s.phase === 'signed-in' ? s : undefined;
  const path = location.value.path;
  // Close the phone menu after every navigation.
  useEffect(() => {
    menuOpen.value = false;
    if (flash.value && flash.value.path !== path) flash.value = null; // shown on its page only
  }, [path]);

  const nav = signedIn ? navFor(views, signedIn.me) : [];
  const routed = signedIn ? route(views, signedIn.me, path) : undefined;
  const activeNav = routed?.view ? (routed.view.navParent ?? routed.view.id) : undefined;
  const user = s.phase === 'signed-in' || s.phase === 'no-role' ? s.user : undefined;

  return (
    <>
      <a class="skip-link" href="#main">
        Zum Inhalt springen
      </a>
      <header class="topbar">
        <div class="topbar__inner">
          <span class="brand">
            BIWAQ <span class="brand__sub"><span class="brand__long">Mitarbeitenden-</span>Konsole</span>
          </span>
          {user && (
            <button
              type="button"
              class="button menu-toggle"
              aria-expanded={menuOpen.value ? 'true' : 'false'}
              aria-controls="menu"
              onClick={() => (menuOpen.value = !menuOpen.value)}
            >
              <span class="menu-toggle__icon" aria-hidden="true" />
              Menü
            </button>
          )}
          {user && (
            <div id="menu" class={menuOpen.value ? 'menu menu--open' : 'menu'}>
              {nav.length > 0 && (
                <nav class="nav" aria-label="Hauptnavigation">
                  <ul class="nav__list">
                    {nav.map((v) => (
                      <li key={v.id}>
                        <Link to={v.path} class="nav__link" aria-current={v.id === activeNav ? 'page' : undefined}>
                          {v.nav!.label}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </nav>
              )}
              <div class="account">
                <span class="account__who">{whoText(user.username, signedIn?.me)}</span>
                <button type="button" class="button button--on-primary" onClick={once(signOut)}>
                  Abmelden
                </button>
              </div>
            </div>
          )}
        </div>
      </header>
      <main id="main" class="page console-page" tabindex={-1}>
        {s.phase === 'loading' && <Loading />}
        {s.phase === 'unavailable' && (
          <>
            <h1>Mitarbeitenden-Konsole</h1>
            <Notice kind="error" role="alert">
              <p>{s.message}</p>
            </Notice>
          </>
        )}
        {s.phase === 'signed-out' && <SignedOut problem={s.problem} />}
        {s.phase === 'no-role' && (
          <>
            <h1>Mitarbeitenden-Konsole</h1>
            <Notice kind="error" role="alert">
              <p>Ihr Konto hat keine Rolle in der Konsole. Bitte wenden Sie sich an Ihre Leitung.</p>
            </Notice>
          </>
        )}
        {signedIn && flash.value?.path === path && (
          <div class="notice notice--success" role="status">
            <p>{flash.value.text}</p>
          </div>
        )}
        {signedIn && routed && <Routed routed={routed} me={signedIn.me} startPath={startPathFor(views, signedIn.me)} />}
      </main>
    </>
  );
}

/** A button that leaves the page: disabled at the first click, so a double click sends one redirect. */
function once(action: () => void) {
  return (e: MouseEvent) => {
    (e.currentTarget as HTMLButtonElement).disabled = true;
    action();
  };
}

interface RouteResult {
  view?: View;
  params: Record<string, string>;
  /** The view exists but this role may not open it. */
  forbidden?: boolean;
  /** `/`: the role's start page. */
  start?: boolean;
}

function route(views: readonly View[], me: Me, path: string): RouteResult {
  if (path === '/') return { start: true, params: {} };
  for (const view of views) {
    const params = match(view.path, path);
    if (!params) continue;
    return view.roles.includes(me.role) ? { view, params } : { view, params, forbidden: true };
  }
  return { params: {} };
}

function Routed({ routed, me, startPath }: { routed: RouteResult; me: Me; startPath: string | undefined }) {
  useEffect(() => {
    if (routed.start && startPath) navigate(startPath, { replace: true });
  }, [routed.start, startPath]);
  if (routed.start) return startPath ? <Loading /> : <Unavailable startPath={undefined} />;
  if (!routed.view) return <PageNotFound startPath={startPath} />;
  if (routed.forbidden) return <Unavailable startPath={startPath} />;
  const View = routed.view.component;
  return <View key={routed.view.id} params={routed.params} query={location.value.query} me={me} />;
}

function SignedOut({ problem }: { problem: string | undefined }) {
  const heading = useFocusOnNavigation<HTMLHeadingElement>();
  setTitle('Anmelden');
  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Mitarbeitenden-Konsole
      </h1>
      {problem && (
        <Notice kind="error" role="alert">
          <p>{problem}</p>
        </Notice>
      )}
      <section class="panel" aria-labelledby="signed-out-title">
        <h2 id="signed-out-title">Bitte melden Sie sich an</h2>
        <p>Die Konsole ist für Mitarbeitende der BIWAQ-Standorte.</p>
        <button type="button" class="button button--primary" onClick={once(signIn)}>
          Anmelden
        </button>
      </section>
    </>
  );
}

function PageNotFound({ startPath }: { startPath: string | undefined }) {
  const heading = useFocusOnNavigation<HTMLHeadingElement>();
  setTitle('Seite nicht gefunden');
  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Seite nicht gefunden
      </h1>
      <p>Diese Adresse gibt es in der Konsole nicht.</p>
      {startPath && (
        <p>
          <Link to={startPath} class="link-target">
            Zur Startseite
          </Link>
        </p>
      )}
    </>
  );
}

/** A view this role may not open: said plainly, and nothing of it is loaded. */
function Unavailable({ startPath }: { startPath: string | undefined }) {
  const heading = useFocusOnNavigation<HTMLHeadingElement>();
  setTitle('Nicht verfügbar');
  return (
    <>
      <h1 ref={heading} tabindex={-1}>
        Nicht verfügbar
      </h1>
      <p>Diese Seite ist für Ihre Rolle nicht vorgesehen. Personenbezogene Daten sehen nur die Beratung und die Leitung eines Standorts.</p>
      {startPath && (
        <p>
          <Link to={startPath} class="link-target">
            Zur Startseite
          </Link>
        </p>
      )}
    </>
  );
}
