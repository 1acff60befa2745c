/**
 * The subset of EventBridge event patterns our pipe filters use: nested objects whose leaves are
 * arrays of allowed values. Same semantics as on AWS for that subset.
 */
export type EventPattern = { [key: string]: readonly (string | number | boolean)[] | EventPattern };

export function matchesPattern(event: unknown, pattern: EventPattern): boolean {
  if (!event || typeof event !== 'object') return false;
  for (const [key, want] of Object.entries(pattern)) {
    const value = (event as Record<string, unknown>)[key];
    if (Array.isArray(want)) {
      if (!want.includes(value as string)) return false;
    } else if (!matchesPattern(value, want as EventPattern)) return false;
  }
  return true;
}

/**
 * Renders an EventBridge Pipes input template as Pipes does: `"<$.path>"` inside quotes takes a
 * string value (escaped into the string), a bare `<$.path>` takes the JSON value.
 */
export function renderInputTemplate(template: string, event: unknown): unknown {
  const valueAt = (path: string) => {
    let v: unknown = event;
    for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    return v;
  };
  const rendered = template
    .replace(/"<\$\.([\w.]+)>"/g, (_m, path: string) => JSON.stringify(String(valueAt(path) ?? '')))
    .replace(/<\$\.([\w.]+)>/g, (_m, path: string) => JSON.stringify(valueAt(path) ?? null));
  return JSON.parse(rendered);
}
