import './styles.css';
import type { FieldDefinition, FormDefinition } from '../../schemas/form-definition.js';
import { api } from '../common/api-client.js';
import { byId, h, idFor } from '../common/dom.js';
import { initialLanguage } from '../common/language.js';
import { fill } from '../common/text.js';
import { buildBody, checkAnswers, toFieldProblems, visibleSections, type Answers, type FieldProblem, type Section } from './answers.js';
import { focusTarget, readField, renderField, setFieldError, writeField } from './fields.js';
import { clearSession, loadSession, newKey, saveSession, type Session } from './session.js';

/**
 * The public intake page. Everything it shows — fields, labels, options, rules, messages, the data
 * notice — comes from GET /api/forms/intake?lang=xx; the page holds no copy of any of it.
 * Sections are shown one step at a time; answers live in sessionStorage while the tab is open.
 */


interface Page {
  def: FormDefinition;
  session: Session;
  /** Problems on screen (summary and fields). */
  problems: FieldProblem[];
  sending: boolean;
  reference?: string;
}

let page: Page | undefined;
const definitions = new Map<string, FormDefinition>();

// ---------------------------------------------------------------------------------------------
// Loading and languages

async function fetchDefinition(lang: string): Promise<FormDefinition> {
  const cached = definitions.get(lang);
  if (cached) return cached;
  const res = await api('GetIntakeForm', { query: { lang } });
  if (!res.ok) throw new Error(`form definition: ${res.status}`);
  const def = res.body as FormDefinition;
  definitions.set(def.lang, def);
  return def;
}

/** The URL's language, else the browser's first supported one, else German — asking the server which it supports. */
async function firstDefinition(): Promise<FormDefinition> {
  const preferred = [...(navigator.languages ?? []), navigator.language].filter(Boolean);
  const candidate = new URLSearchParams(location.search).get('lang') ?? preferred[0]?.toLowerCase().split('-')[0] ?? 'de';
  const def = await fetchDefinition(candidate);
  const best = initialLanguage(location.search, preferred, def.languages.map((l) => l.code), def.lang);
  return best === def.lang ? def : fetchDefinition(best);
}

function applyLanguage(def: FormDefinition): void {
  const root = document.documentElement;
  root.lang = def.lang;
  root.dir = def.dir;
  const url = new URL(location.href);
  if (url.searchParams.get('lang') !== def.lang) {
    url.searchParams.set('lang', def.lang);
    history.replaceState(history.state, '', url);
  }
  const select = byId<HTMLSelectElement>('language');
  if (select.options.length !== def.languages.length) {
    select.replaceChildren(...def.languages.map((l) => h('option', { value: l.code, lang: l.code, dir: l.dir }, l.name)));
  }
  select.value = def.lang;
  byId('language-label').textContent = def.text['language'] ?? '';
}

async function switchLanguage(lang: string): Promise<void> {
  if (!page || lang === page.def.lang) return;
  const select = byId<HTMLSelectElement>('language');
  select.setAttribute('aria-busy', 'true');
  try {
    const def = await fetchDefinition(lang);
    page.def = def;
    page.problems = [];
    applyLanguage(def);
    render();
  } catch {
    select.value = page.def.lang;
    showSendProblem(page.def.text['networkError'] ?? '', false);
  } finally {
    select.removeAttribute('aria-busy');
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

const t = (key: string): string => page?.def.text[key] ?? '';

function render(): void {
  if (!page) return;
  const { def } = page;
  document.title = page.reference ? `${t('successTitle')} – ${t('title')}` : t('title');
  const app = byId('app');
  if (page.reference) {
    app.replaceChildren(renderSuccess(page.reference));
    return;
  }
  app.replaceChildren(
    h('h1', { id: 'page-title', class: 'page-title', tabindex: -1 }, t('title')),
    h('p', { id: 'intro', class: 'intro' }, t('intro')),
    h(
      'div',
      // Not a live region: it is announced by taking the focus, and stays quiet while fields are corrected.
      { id: 'error-summary', class: 'error-summary', role: 'region', tabindex: -1, 'aria-labelledby': 'error-summary-title', hidden: true },
      h('h2', { id: 'error-summary-title', class: 'error-summary__title' }, t('errorSummaryTitle')),
      h('ul', { class: 'error-summary__list' }),
    ),
    h(
      'form',
      { id: 'intake', class: 'form', novalidate: true, 'aria-labelledby': 'page-title' },
      h(
        'div',
        { class: 'progress' },
        h('p', { id: 'progress-label', class: 'progress__label' }),
        h('progress', { id: 'progress', class: 'progress__bar', max: 1, value: 0, 'aria-labelledby': 'progress-label' }),
      ),
      def.sections.map((s) => renderSection(s)),
      // The honeypot: invisible, unreachable by keyboard and hidden from assistive technology.
      h(
        'div',
        { class: 'honeypot', 'aria-hidden': 'true' },
        h('label', { for: 'f-website' }, def.honeypot.label),
        h('input', { id: 'f-website', name: def.honeypot.path, type: 'text', tabindex: -1, autocomplete: 'off' }),
      ),
      h('div', { id: 'send-problem', class: 'notice notice--error', role: 'alert', hidden: true }),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', id: 'back', class: 'button button--secondary' }, t('back')),
        h('button', { type: 'submit', id: 'next', class: 'button button--primary' }, t('next')),
      ),
    ),
  );
  const form = byId<HTMLFormElement>('intake');
  for (const field of allFields()) writeField(form, field, page.session.answers[field.path]);
  form.addEventListener('input', onInput);
  form.addEventListener('change', onChange);
  form.addEventListener('submit', onSubmit);
  byId('back').addEventListener('click', () => goTo(stepIndex() - 1));
  byId('error-summary').addEventListener('click', onSummaryClick);
  showStep(stepIndex(), false);
}

function renderSection(section: Section): HTMLElement {
  const def = page!.def;
  const title = `step-${section.id}-title`;
  return h(
    'section',
    { class: 'step', id: `step-${section.id}`, 'data-section': section.id, 'aria-labelledby': title, hidden: true },
    h('h2', { id: title, class: 'step__title', tabindex: -1 }, section.title),
    section.help ? h('p', { class: 'step__help' }, section.help) : null,
    // The Art. 13 notice, in the chosen language, right before the consent it asks for.
    section.fields.some((f) => f.path === 'consent.accepted')
      ? h(
          'div',
          { class: 'data-notice', id: 'data-notice', 'data-notice-version': def.noticeVersion },
          h('h3', { class: 'data-notice__title' }, def.notice.title),
          def.notice.text.split(/\n+/).map((p) => h('p', {}, p)),
          // The complete notice of the chosen site (a public page); a new tab keeps the form as it is.
          h('p', {}, h('a', { id: 'data-notice-link', class: 'data-notice__link', href: noticeHref(), target: '_blank', rel: 'noopener' }, def.notice.link)),
        )
      : null,
    section.fields.map((f) => renderField(f, def.text)),
  );
}

/** The complete data notice of the chosen site in the page's language (without a site: the list of sites). */
function noticeHref(): string {
  const def = page!.def;
  const site = page!.session.answers['site'];
  const query = new URLSearchParams({ ...(typeof site === 'string' && site ? { site } : {}), lang: def.lang });
  return `${def.noticePath}?${query.toString()}`;
}

function renderSuccess(reference: string): HTMLElement {
  const section = h(
    'section',
    { id: 'success', class: 'success', 'aria-labelledby': 'success-title' },
    h('h1', { id: 'success-title', class: 'success__title', tabindex: -1 }, t('successTitle')),
    h('p', { class: 'success__label', id: 'reference-label' }, t('successReference')),
    // A reference is Latin letters and digits: left to right on every page.
    h('p', { class: 'reference', id: 'reference', dir: 'ltr' }, reference),
    h('p', { class: 'success__next' }, t('successNext')),
    h(
      'div',
      { class: 'actions actions--success' },
      h('button', { type: 'button', id: 'print', class: 'button button--primary' }, t('print')),
      h('button', { type: 'button', id: 'new-form', class: 'button button--secondary' }, t('newForm')),
    ),
  );
  section.querySelector('#print')!.addEventListener('click', () => window.print());
  section.querySelector('#new-form')!.addEventListener('click', startAgain);
  return section;
}

// ---------------------------------------------------------------------------------------------
// Steps

const allFields = (): FieldDefinition[] => page!.def.sections.flatMap((s) => s.fields);
const steps = (): Section[] => visibleSections(page!.def, page!.session.answers);
const form = (): HTMLFormElement => byId<HTMLFormElement>('intake');

function stepIndex(): number {
  const i = steps().findIndex((s) => s.id === page!.session.step);
  return i < 0 ? 0 : i;
}

function showStep(index: number, moveFocus: boolean): void {
  const all = steps();
  const i = Math.max(0, Math.min(index, all.length - 1));
  const current = all[i]!;
  page!.session.step = current.id;
  saveSession(page!.session);
  for (const el of form().querySelectorAll<HTMLElement>('.step')) el.hidden = el.dataset['section'] !== current.id;
  byId('progress-label').textContent = fill(t('step'), { current: i + 1, total: all.length });
  const bar = byId<HTMLProgressElement>('progress');
  bar.max = all.length;
  bar.value = i + 1;
  byId('back').hidden = i === 0;
  byId('intro').hidden = i > 0; // read once; later steps start right at their questions
  const last = i === all.length - 1;
  const next = byId<HTMLButtonElement>('next');
  next.disabled = page!.sending;
  next.classList.toggle('button--busy', page!.sending);
  next.textContent = page!.sending ? t('sending') : last ? t('submit') : t('next');
  next.dataset['role'] = last ? 'submit' : 'next';
  if (moveFocus) {
    const heading = byId(`step-${current.id}-title`);
    heading.focus();
    heading.scrollIntoView({ block: 'start' });
  }
}

function goTo(index: number): void {
  hideSummaryIfResolved();
  showStep(index, true);
}

// ---------------------------------------------------------------------------------------------
// Answers and checks

function fieldOf(target: EventTarget | null): FieldDefinition | undefined {
  const name = (target as HTMLInputElement | null)?.name;
  return name ? allFields().find((f) => f.path === name) : undefined;
}

function store(field: FieldDefinition): void {
  const value = readField(form(), field);
  const answers: Answers = page!.session.answers;
  if (value === undefined) delete answers[field.path];
  else answers[field.path] = value;
  saveSession(page!.session);
}

function onInput(event: Event): void {
  const field = fieldOf(event.target);
  if (!field) return;
  store(field);
  // While a field shows an error, check it as the person types, so the message goes once it is fixed.
  if (page!.problems.some((p) => p.field === field.path)) recheck(field, false);
}

function onChange(event: Event): void {
  const field = fieldOf(event.target);
  if (!field) return;
  store(field);
  if (field.path === 'site') byId('data-notice-link').setAttribute('href', noticeHref());
  // Leaving a filled field: tell straight away if it cannot be right (e-mail, postcode, …).
  recheck(field, true);
  // An answer that shows or hides a section (help → recognition) changes the number of steps.
  if (page!.def.sections.some((s) => s.when?.field === field.path)) showStep(stepIndex(), false);
}

/** Checks one field; shows a new problem only when `reveal` and the field is not empty. */
function recheck(field: FieldDefinition, reveal: boolean): void {
  const problem = checkAnswers(page!.def, page!.session.answers).find((p) => p.field === field.path);
  const shown = page!.problems.find((p) => p.field === field.path);
  const answer = page!.session.answers[field.path];
  const empty = answer === undefined || answer === '' || (Array.isArray(answer) && answer.length === 0) || answer === false;
  if (problem && (shown || (reveal && !empty))) {
    page!.problems = shown ? page!.problems.map((p) => (p === shown ? problem : p)) : [...page!.problems, problem];
    setFieldError(form(), field, problem.message);
  } else if (!problem && shown) {
    page!.problems = page!.problems.filter((p) => p.field !== field.path);
    setFieldError(form(), field, undefined);
  }
  updateSummaryList();
}

/** Shows problems on their fields and in the summary at the top, and moves focus to the summary. */
function showProblems(problems: FieldProblem[]): void {
  page!.problems = problems;
  const messages = new Map(problems.filter((p) => p.field).map((p) => [p.field!, p.message]));
  for (const field of allFields()) setFieldError(form(), field, messages.get(field.path));
  const summary = byId('error-summary');
  updateSummaryList();
  summary.hidden = false;
  summary.focus();
  summary.scrollIntoView({ block: 'start' });
}

function updateSummaryList(): void {
  const summary = byId('error-summary');
  const list = summary.querySelector('ul')!;
  const fields = new Map(allFields().map((f) => [f.path, f]));
  const items = page!.problems.map((p) => {
    const field = p.field ? fields.get(p.field) : undefined;
    return { field, text: field ? `${field.label}: ${p.message}` : p.message };
  });
  const key = JSON.stringify(items.map((i) => [i.field?.path, i.text]));
  if (list.dataset['key'] !== key) {
    list.dataset['key'] = key;
    list.replaceChildren(
      ...items.map(({ field, text }) => h('li', {}, field ? h('a', { href: `#${idFor(field.path)}`, 'data-field': field.path }, text) : text)),
    );
  }
  if (page!.problems.length === 0) summary.hidden = true;
}

function hideSummaryIfResolved(): void {
  if (page!.problems.length === 0) byId('error-summary').hidden = true;
}

/** A link in the summary opens the step of its field and puts the focus into the field. */
function onSummaryClick(event: Event): void {
  const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-field]');
  if (!link) return;
  event.preventDefault();
  focusField(link.dataset['field']!);
}

function focusField(path: string): void {
  const field = allFields().find((f) => f.path === path);
  const index = steps().findIndex((s) => s.fields.some((f) => f.path === path));
  if (!field || index < 0) return;
  showStep(index, false);
  const target = focusTarget(form(), field);
  byId(`${idFor(path)}-field`).scrollIntoView({ block: 'start' });
  target?.focus({ preventScroll: true });
}

// ---------------------------------------------------------------------------------------------
// Next and submit

function onSubmit(event: Event): void {
  event.preventDefault();
  if (!page || page.sending) return;
  const all = steps();
  const index = stepIndex();
  const current = all[index]!;
  const problems = checkAnswers(page.def, page.session.answers);
  if (index < all.length - 1) {
    const here = new Set(current.fields.map((f) => f.path));
    const mine = problems.filter((p) => p.field && here.has(p.field));
    if (mine.length > 0) return showProblems(mine);
    page.problems = page.problems.filter((p) => !p.field || !here.has(p.field));
    for (const f of current.fields) setFieldError(form(), f, undefined);
    updateSummaryList();
    return goTo(index + 1);
  }
  if (problems.length > 0) return showProblemsAtFirst(problems);
  void send();
}

/** Problems anywhere in the form: open the step of the first one, and show them all in the summary. */
function showProblemsAtFirst(problems: FieldProblem[]): void {
  const first = problems.find((p) => p.field);
  if (first) {
    const index = steps().findIndex((s) => s.fields.some((f) => f.path === first.field));
    if (index >= 0) showStep(index, false);
  }
  showProblems(problems);
}

function setSending(sending: boolean): void {
  page!.sending = sending;
  showStep(stepIndex(), false);
}

function showSendProblem(message: string, retry: boolean): void {
  const box = document.getElementById('send-problem');
  if (!box) return;
  box.replaceChildren(h('p', {}, message));
  if (retry) box.append(h('button', { type: 'button', id: 'retry', class: 'button button--secondary' }, t('retry')));
  box.hidden = false;
  const button = box.querySelector<HTMLButtonElement>('#retry');
  button?.addEventListener('click', () => void send());
  (button ?? box).focus();
}

async function send(): Promise<void> {
  const p = page!;
  if (p.sending) return; // a double tap sends one request
  const honeypot = (document.getElementById('f-website') as HTMLInputElement | null)?.value ?? '';
  const answers = buildBody(p.def, p.session.answers, honeypot);
  const body = JSON.stringify(answers);
  // Same answers, same key (a retry is recognised); changed answers, a new attempt.
  if (p.session.sentBody !== undefined && p.session.sentBody !== body) p.session.key = newKey();
  p.session.sentBody = body;
  saveSession(p.session);
  byId('send-problem').hidden = true;
  setSending(true);

  let res: Awaited<ReturnType<typeof api<'PostIntake'>>>;
  try {
    res = await api('PostIntake', { body: answers as never, headers: { 'idempotency-key': p.session.key } });
  } catch {
    setSending(false);
    return showSendProblem(t('networkError'), true);
  }
  setSending(false);

  if (res.ok && res.body?.reference) return succeed(res.body.reference);
  const answer = res.ok ? undefined : res.body;
  if (res.status === 400 && answer?.errors?.length) return showProblemsAtFirst(toFieldProblems(p.def, p.session.answers, answer.errors));
  if (res.status === 429) return showSendProblem(t('rateLimited'), true);
  if (res.status === 422) p.session.key = newKey(); // the key was used for other answers: the next try is a new attempt
  if (res.status >= 500) return showSendProblem(p.def.messages['server_error'] ?? t('networkError'), true);
  showSendProblem(answer?.message ?? t('networkError'), res.status === 422 || res.status === 413);
}

function succeed(reference: string): void {
  clearSession();
  page!.reference = reference;
  page!.problems = [];
  render();
  const title = byId('success-title');
  title.focus();
  title.scrollIntoView({ block: 'start' });
}

function startAgain(): void {
  page!.reference = undefined;
  page!.session = { answers: {}, key: newKey() };
  saveSession(page!.session);
  render();
  byId('page-title').focus();
}

// ---------------------------------------------------------------------------------------------
// Start

async function start(): Promise<void> {
  byId<HTMLSelectElement>('language').addEventListener('change', (e) => void switchLanguage((e.target as HTMLSelectElement).value));
  try {
    const def = await firstDefinition();
    page = { def, session: loadSession(), problems: [], sending: false };
    applyLanguage(def);
    render();
    byId('loading').hidden = true;
  } catch {
    byId('loading').hidden = true;
    byId('load-failed').hidden = false;
    byId('reload').addEventListener('click', () => location.reload());
  }
}

void start();
