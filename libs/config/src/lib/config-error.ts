/** Thrown at start when the environment does not satisfy an app's schema; names every bad variable. */
export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid configuration for ${app}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}
