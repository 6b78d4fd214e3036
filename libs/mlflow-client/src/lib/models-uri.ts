/** A parsed `models:/` URI: by alias (`models:/name@alias`) or by version (`models:/name/3`). */
export type ModelsUri = { name: string; alias: string; version?: undefined } | { name: string; version: string; alias?: undefined };

/**
 * Parses the two `models:/` forms a pinned deployment uses. Stage URIs (`models:/name/Production`)
 * and `latest` are refused on purpose: they resolve to whatever is newest at load time, which is
 * what aliases replaced.
 */
export function parseModelsUri(uri: string): ModelsUri {
  const match = /^models:\/(?!\/)(.+)$/.exec(uri);
  if (!match) throw new Error(`Not a models:/ URI: ${uri}`);
  const rest = match[1];
  const at = rest.lastIndexOf('@');
  if (at > 0) {
    const name = rest.slice(0, at);
    const alias = rest.slice(at + 1);
    if (!alias || alias.includes('/')) throw new Error(`Invalid alias in ${uri}`);
    return { name, alias };
  }
  const slash = rest.lastIndexOf('/');
  if (slash > 0) {
    const name = rest.slice(0, slash);
    const version = rest.slice(slash + 1);
    if (/^[1-9]\d*$/.test(version)) return { name, version };
  }
  throw new Error(`Unsupported models:/ URI ${uri}: expected models:/<name>@<alias> or models:/<name>/<version>`);
}
