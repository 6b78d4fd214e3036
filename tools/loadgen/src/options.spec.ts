import { MODES, parseOptions, profile, UsageError } from './options';
import { isLoopbackAddress, checkTarget } from './target';

describe('parseOptions', () => {
  it('defaults to a realistic minute on the local api with the development key', () => {
    const o = parseOptions([], {});
    expect(o).toMatchObject({ mode: 'realistic', durationS: 60, requests: 5000, url: 'http://127.0.0.1:8000', apiKey: 'dev-only-api-key', allowRemote: false, seed: 1 });
  });

  it('reads flags (both --flag value and --flag=value) and the environment', () => {
    const o = parseOptions(['--mode', 'spike', '--duration=5', '--requests', '40', '--spike-size', '10', '--allow-remote', '--url', 'http://x:1/'], { API_KEY: 'k', API_URL: 'http://ignored' });
    expect(o).toMatchObject({ mode: 'spike', durationS: 5, requests: 40, spikeSize: 10, allowRemote: true, url: 'http://x:1', apiKey: 'k' });
  });

  it('is bounded: a run always has a finite duration and request count', () => {
    expect(() => parseOptions(['--duration', '0'], {})).toThrow(UsageError);
    expect(() => parseOptions(['--duration', '7200'], {})).toThrow(/--duration/);
    expect(() => parseOptions(['--requests', '0'], {})).toThrow(/--requests/);
    expect(() => parseOptions(['--mode', 'storm'], {})).toThrow(/--mode/);
    expect(() => parseOptions(['--api-key', 'x'], {})).toThrow(/unknown argument/);
    expect(() => parseOptions(['--help'], {})).toThrow(/^usage:/);
  });
});

describe('profile', () => {
  it('keeps the seed mixes: realistic 60/30/10, burst 80/15/5', () => {
    expect(MODES.realistic.mix).toEqual({ predict: 60, read: 30, error: 10 });
    expect(MODES.burst.mix).toEqual({ predict: 80, read: 15, error: 5 });
    expect(profile(parseOptions(['--mode', 'burst'], {})).spike).toBeUndefined();
  });

  it('brings the first spike inside a short run', () => {
    expect(profile(parseOptions(['--mode', 'spike', '--duration', '8'], {})).spike).toEqual({ size: 50, everyS: [120, 300], firstS: 2 });
    expect(profile(parseOptions(['--mode', 'spike', '--duration', '3600'], {})).spike!.firstS).toBe(120);
    expect(profile(parseOptions(['--mode', 'spike', '--spike-every', '10', '--first-spike', '0'], {})).spike).toMatchObject({ everyS: [10, 10], firstS: 0 });
  });
});

describe('target check', () => {
  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '192.168.1.1', '::ffff:10.0.0.1', '8.8.8.8']) expect(isLoopbackAddress(a)).toBe(false);
  });

  it('refuses a remote target unless allowed', async () => {
    await expect(checkTarget('http://127.0.0.1:8000', false)).resolves.toBeUndefined();
    await expect(checkTarget('http://localhost:8000', false)).resolves.toBeUndefined();
    await expect(checkTarget('http://10.1.2.3:8000', false)).rejects.toThrow(/refusing to load 10\.1\.2\.3.*--allow-remote/);
    await expect(checkTarget('http://10.1.2.3:8000', true)).resolves.toBeUndefined();
  });
});
