/**
 * A tiny element builder. Pages run under a Content-Security-Policy without 'unsafe-inline':
 * no inline styles, no style attributes, no inline handlers — classes and addEventListener only.
 */
export type Attrs = Record<string, string | number | boolean | undefined | null>;
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'style' || name.startsWith('on')) throw new Error(`${name} is not allowed under the page's CSP`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return el as T;
}

/** An id safe for attributes and `#` links, from a field path (person.address.postcode → f-person-address-postcode). */
export function idFor(path: string, suffix = ''): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}${suffix}`;
}

/** Adds or removes one id in a space-separated ARIA reference list (aria-describedby). */
export function setReference(el: Element, attribute: string, id: string, on: boolean): void {
  const ids = new Set((el.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean));
  if (on) ids.add(id);
  else ids.delete(id);
  if (ids.size > 0) el.setAttribute(attribute, [...ids].join(' '));
  else el.removeAttribute(attribute);
}
