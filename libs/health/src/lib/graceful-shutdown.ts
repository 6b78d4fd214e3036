/**
 * Closes the app once on SIGTERM or SIGINT (a terminal's Ctrl-C and a supervisor's SIGTERM can both
 * arrive), then exits 0, or 1 when closing failed. Nest's enableShutdownHooks() instead re-raises
 * the signal after closing, so supervisors see the process killed rather than stopped.
 */
export function closeOnSignals(app: { close(): Promise<void> }, log: (message: string) => void = () => undefined): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      log(`${signal}: closing connections and queues`);
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
