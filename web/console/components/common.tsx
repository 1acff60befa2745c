import type { ComponentChildren } from 'preact';
import type { ParticipantStatus } from '../../../schemas/staff.js';
import { STATUS_LABELS, labelOf } from '../app/labels.js';

/** Small pieces the views share. Classes only (the CSP allows no style attributes). */

export function Loading({ label = 'Wird geladen …' }: { label?: string }) {
  return (
    <p class="loading" role="status">
      <span class="loading__dot" aria-hidden="true" />
      <span class="visually-hidden">{label}</span>
    </p>
  );
}

export function Notice({ kind = 'info', children, role }: { kind?: 'info' | 'error' | 'success' | 'warning'; children: ComponentChildren; role?: 'alert' | 'status' }) {
  return (
    <div class={`notice notice--${kind}`} role={role}>
      {children}
    </div>
  );
}

/** A load that failed: says so in plain words and offers to try again. */
export function LoadProblem({ message, onRetry }: { message?: string; onRetry: () => void }) {
  return (
    <Notice kind="error" role="alert">
      <p>{message ?? 'Die Daten konnten nicht geladen werden. Bitte prüfen Sie die Verbindung.'}</p>
      <button type="button" class="button button--secondary" onClick={onRetry}>
        Erneut versuchen
      </button>
    </Notice>
  );
}

export function StatusBadge({ status }: { status: ParticipantStatus | string }) {
  return <span class={`badge badge--${status}`}>{labelOf(STATUS_LABELS, status)}</span>;
}

/** A participant's number: monospace and isolated left-to-right (it sits in RTL names' neighbourhood). */
export function Reference({ value }: { value: string }) {
  return (
    <bdi class="ref" dir="ltr">
      {value}
    </bdi>
  );
}

/** A name in any script, isolated so that an Arabic or Farsi name does not reorder its surroundings. */
export function Name({ first, last }: { first: string; last: string }) {
  return <bdi>{`${first} ${last}`}</bdi>;
}

export function DuplicateFlag({ count }: { count: number }) {
  if (count <= 0) return null;
  return <span class="badge badge--duplicate">{count === 1 ? 'mögliches Duplikat' : `mögliches Duplikat (${count}×)`}</span>;
}
