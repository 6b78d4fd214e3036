/**
 * Waits for `work` at most `ms` milliseconds, then lets it finish in the background: start-up waits
 * for a quick dependency (an event subscription) without hanging on an outage of it.
 */
export async function settleWithin(work: Promise<unknown>, ms: number, onError: (e: unknown) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(onError),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]);
  if (timer) clearTimeout(timer);
}
