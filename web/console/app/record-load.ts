import { useEffect, useRef, useState } from 'preact/hooks';

/** Where a record page stands: loading, not found (also another site's: the API answers 404), a problem, or ready. */
export type RecordLoad<T> = { kind: 'loading' } | { kind: 'not-found' } | { kind: 'problem' } | { kind: 'ready'; record: T };

/** Ids of participants, placements and cases are lowercase hex; anything else is not found without asking. */
const ID = /^[0-9a-f]{32}$/;

type Fetched<T> = { ok: true; body: T } | { ok: false; status: number };

/**
 * Loads the record a page shows (participant, placement, recognition case) by its id, and again
 * on `read()`. While it re-reads, the old record stays on screen (no flicker, no lost input); an
 * answer to an earlier read that comes late is dropped. `onNewId` resets the page's own state
 * when the id in the address changes.
 */
export function useRecordLoad<T>(id: string, fetchRecord: () => Promise<Fetched<T>>, onNewId: () => void) {
  const [load, setLoad] = useState<RecordLoad<T>>(() => (ID.test(id) ? { kind: 'loading' } : { kind: 'not-found' }));
  const ticket = useRef(0);

  const read = async (): Promise<void> => {
    if (!ID.test(id)) return setLoad({ kind: 'not-found' });
    const mine = ++ticket.current;
    try {
      const res = await fetchRecord();
      if (mine !== ticket.current) return;
      if (res.ok) setLoad({ kind: 'ready', record: res.body });
      else if (res.status === 404) setLoad({ kind: 'not-found' });
      else setLoad((l) => (l.kind === 'ready' ? l : { kind: 'problem' }));
    } catch {
      if (mine === ticket.current) setLoad((l) => (l.kind === 'ready' ? l : { kind: 'problem' }));
    }
  };

  useEffect(() => {
    setLoad(ID.test(id) ? { kind: 'loading' } : { kind: 'not-found' });
    onNewId();
    void read();
  }, [id]);

  return { load, setLoad, read };
}
