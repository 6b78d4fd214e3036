import { useCallback, useEffect, useRef, useState } from 'react';

export type AsyncState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: Error };

/**
 * Runs `load` when `deps` change and on `reload()`; answers of an older run are dropped (a fast
 * click through pickers never shows the previous Pokémon's data).
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const run = useRef(0);
  useEffect(() => {
    const id = ++run.current;
    setState({ status: 'loading' });
    load().then(
      (data) => id === run.current && setState({ status: 'success', data }),
      (error: unknown) => id === run.current && setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, reload };
}
