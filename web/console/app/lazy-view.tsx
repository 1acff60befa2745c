import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LoadProblem, Loading } from '../components/common.js';
import type { ViewProps } from './views.js';

/**
 * A view whose code is fetched when it is first opened (a chunk of its own, web/build.ts
 * `splitting`): the figures page and its chart library stay out of the console's first load.
 * A failed fetch (offline, or a deploy replaced the chunk) offers a retry; after a deploy the
 * page itself is reloaded, so the new console asks for the new chunk.
 */
export function lazyView(load: () => Promise<FunctionComponent<ViewProps>>): FunctionComponent<ViewProps> {
  let loaded: FunctionComponent<ViewProps> | undefined;
  let pending: Promise<FunctionComponent<ViewProps>> | undefined;
  const fetchOnce = () => {
    pending ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
  return function LazyView(props: ViewProps) {
    const [state, setState] = useState<'loading' | 'ready' | 'failed'>(loaded ? 'ready' : 'loading');
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      fetchOnce().then(
        () => live && setState('ready'),
        () => live && setState('failed'),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (state === 'ready' && loaded) {
      const View = loaded;
      return <View {...props} />;
    }
    if (state === 'failed')
      return (
        <LoadProblem
          message="Diese Seite konnte nicht geladen werden. Bitte prüfen Sie die Verbindung."
          onRetry={() => {
            if (attempt > 0) window.location.reload(); // a second failure: perhaps a new version was deployed
            setState('loading');
            setAttempt((n) => n + 1);
          }}
        />
      );
    return <Loading label="Die Seite wird geladen …" />;
  };
}
