import type { FunctionComponent } from 'preact';
import type { Role } from '../../../schemas/staff.js';
import type { Me } from './session.js';

/**
 * The console is a shell that views plug into: each view names its path (below /console), the
 * roles that may open it and, if it has one, its place in the navigation. The route table is
 * web/console/views/index.ts; a feature (trial placements, recognition cases, …) adds its view
 * there and appears in the navigation of the roles it names. The start page of a role is the
 * first navigation entry it may open.
 *
 * A view a role may not open is never rendered for it, so its requests are never made: the
 * coordinator's browser does not ask for a route that returns personal data.
 */

export interface ViewProps {
  params: Record<string, string>;
  query: URLSearchParams;
  me: Me;
}

export interface NavEntry {
  label: string;
  /** Lower first. */
  order: number;
}

export interface View {
  id: string;
  /** `/participants/:id` */
  path: string;
  roles: readonly Role[];
  /** The document title's first part (views with a changing title set their own). */
  title: string;
  component: FunctionComponent<ViewProps>;
  nav?: NavEntry;
  /** Highlights this view's navigation entry (e.g. a record under the list). */
  navParent?: string;
}

/** Roles that see personal data: counsellors and site leads of one site. */
export const SITE_ROLES = ['staff', 'lead'] as const satisfies readonly Role[];

export function navFor(views: readonly View[], me: Me): View[] {
  return views.filter((v) => v.nav && v.roles.includes(me.role)).sort((a, b) => a.nav!.order - b.nav!.order);
}

export function startPathFor(views: readonly View[], me: Me): string | undefined {
  return navFor(views, me)[0]?.path;
}

export const APP_TITLE = 'BIWAQ Konsole';

export function setTitle(title: string): void {
  document.title = `${title} – ${APP_TITLE}`;
}
