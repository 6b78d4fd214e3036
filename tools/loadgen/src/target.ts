import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '');
  if (isIP(a) === 4) return a.startsWith('127.');
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return Boolean(mapped && mapped[1].startsWith('127.'));
}

/**
 * Refuses to load anything but this machine unless allowed: a load generator pointed at someone
 * else's server by a typo is an attack. A host name counts as local only when every address it
 * resolves to is loopback.
 */
export async function checkTarget(url: string, allowRemote: boolean): Promise<void> {
  if (allowRemote) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (!addresses.length) throw new Error(`cannot resolve ${host}`);
  const remote = addresses.filter((a) => !isLoopbackAddress(a));
  if (remote.length) throw new Error(`refusing to load ${host} (${remote.join(', ')}): not this machine; pass --allow-remote to target another host you own`);
}
