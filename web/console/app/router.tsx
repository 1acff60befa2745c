import { signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export { match, withQuery } from './paths.js';

/**
 * A small client-side router on the history API. Paths inside the app are relative to the
 * console's base (`/participants/abc` is `/console/participants/abc`), so every deep link is a
 * real URL: a reload or a link from a team mail opens the same view (the local server and
 * CloudFront answer `/console/*` with the console's page).
 */

export const BASE = '/console';

export interface Location {
  /** Path below the base, always starting with `/` (`/` for the start page). */
  path: string;
  query: URLSearchParams;
}

function read(): Location {
  const { pathname, search } = window.location;
  const below = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return { path: below === '' ? '/' : below, query: new URLSearchParams(search) };
}

export const location = signal<Location>(read());

/** Re-reads the address after someone else changed it without an event (the sign-in's replaceState). */
export function syncLocation(): void {
  location.value = read();
}

/** Set by every navigation the user makes (not by the first load): the new view moves the focus to its heading. */
let focusPending = false;

export function href(to: string): string {
  return `${BASE}${to}`;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = href(to);
  if (url === `${window.location.pathname}${window.location.search}` && !options.replace) return;
  if (options.replace) history.replaceState(null, '', url);
  else {
    history.pushState(null, '', url);
    window.scrollTo(0, 0);
    focusPending = true;
  }
  location.value = read();
}

window.addEventListener('popstate', () => {
  const next = read();
  const now = location.peek();
  if (next.path === now.path && next.query.toString() === now.query.toString()) return; // only the #fragment moved (skip link)
  focusPending = true;
  location.value = next;
});

interface LinkProps {
  to: string;
  children?: ComponentChildren;
  class?: string;
  'aria-current'?: 'page' | undefined;
}

/** An ordinary link (open in a new tab works) that navigates inside the console without a reload. */
export function Link({ to, children, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={href(to)}
      onClick={(e: MouseEvent) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/**
 * The heading of a view: after a navigation it takes the focus once the view is `ready`, so a
 * screen reader announces the new page and keyboard users continue from its top.
 */
export function useFocusOnNavigation<T extends HTMLElement>(ready = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!ready || !focusPending || !ref.current) return;
    focusPending = false;
    ref.current.focus();
  }, [ready]);
  return ref;
}
