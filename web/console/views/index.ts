import { lazyView } from '../app/lazy-view.js';
import { SITE_ROLES, type View } from '../app/views.js';
import { ParticipantView } from './participant.js';
import { ParticipantsView } from './participants.js';
import { PlacementView } from './placement.js';
import { PlacementsView } from './placements.js';
import { RecognitionCaseView } from './recognition-case.js';
import { RecognitionCasesView } from './recognition-cases.js';
import { TodayView } from './today.js';

/**
 * The console's route table, in navigation order. A new feature (trial placements, recognition
 * cases, …) adds its views here: a path, the roles that may open it, and a navigation entry if it
 * has one. Roles that see no personal data (the coordinator) must never be listed on a view that
 * loads any.
 */
export const VIEWS: readonly View[] = [
  { id: 'today', path: '/today', roles: SITE_ROLES, title: 'Heute', component: TodayView, nav: { label: 'Heute', order: 10 } },
  {
    id: 'participants',
    path: '/participants',
    roles: SITE_ROLES,
    title: 'Teilnehmende',
    component: ParticipantsView,
    nav: { label: 'Teilnehmende', order: 20 },
  },
  { id: 'participant', path: '/participants/:id', roles: SITE_ROLES, title: 'Akte', component: ParticipantView, navParent: 'participants' },
  {
    id: 'placements',
    path: '/placements',
    roles: SITE_ROLES,
    title: 'Erprobungen',
    component: PlacementsView,
    nav: { label: 'Erprobungen', order: 30 },
  },
  { id: 'placement', path: '/placements/:id', roles: SITE_ROLES, title: 'Erprobung', component: PlacementView, navParent: 'placements' },
  {
    id: 'recognition-cases',
    path: '/recognition-cases',
    roles: SITE_ROLES,
    title: 'Anerkennung',
    component: RecognitionCasesView,
    nav: { label: 'Anerkennung', order: 40 },
  },
  {
    id: 'recognition-case',
    path: '/recognition-cases/:id',
    roles: SITE_ROLES,
    title: 'Anerkennungsverfahren',
    component: RecognitionCaseView,
    navParent: 'recognition-cases',
  },
  {
    // Every role: counsellors and leads their site's figures, coordinators every site's. A chunk of
    // its own with the chart library (web/build.ts), fetched when first opened.
    id: 'figures',
    path: '/figures',
    roles: ['staff', 'lead', 'coordinator'],
    title: 'Zahlen',
    component: lazyView(() => import('./figures.js').then((m) => m.FiguresView)),
    nav: { label: 'Zahlen', order: 90 },
  },
];
