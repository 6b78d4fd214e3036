import { z } from 'zod';

/**
 * The seed's three traffic shapes (generate_monitoring_data.py), as closed-loop virtual users that
 * wait between requests, plus spikes:
 *   realistic: 60% predictions, 30% reads, 10% provoked errors; pauses 0.5-3 s (~50-100 req/min)
 *   burst:     80% predictions, 15% reads, 5% provoked errors; pauses 0.1 s (~200-500 req/min)
 *   spike:     a steady base (~100-300 req/min) and, every 2-5 min, 50 requests at once
 * The api's default rate limit is 600 requests per key per minute: the modes stay under it.
 */
export const MODES = {
  realistic: { users: 2, pauseMs: [500, 3000], mix: { predict: 60, read: 30, error: 10 }, spike: undefined },
  burst: { users: 1, pauseMs: [100, 200], mix: { predict: 80, read: 15, error: 5 }, spike: undefined },
  spike: { users: 2, pauseMs: [500, 1500], mix: { predict: 70, read: 25, error: 5 }, spike: { size: 50, everyS: [120, 300] as [number, number] } },
} as const;
export type ModeName = keyof typeof MODES;
export type RequestKind = 'predict' | 'read' | 'error';

export const USAGE = `usage: loadgen [--mode realistic|burst|spike] [--duration S] [--requests N] [--url URL]
               [--seed N] [--users N] [--spike-size N] [--spike-every S] [--first-spike S]
               [--max-error-rate R] [--timeout-ms MS] [--allow-remote] [--allow-no-model] [--quiet]
Sends realistic traffic to the api (Pokémon from GET /pokemon, moves from their learnsets) and prints
p50/p95/p99 and the error rate every second, then a JSON summary as the last line.
  --mode          traffic shape (default realistic)
  --duration      stop after S seconds (default 60, at most 3600)
  --requests      ... or after N requests, whichever comes first (default 5000)
  --url           the api (default $API_URL or http://127.0.0.1:8000); non-loopback needs --allow-remote
  --max-error-rate  exit 1 when the error rate is above R (default 0.05); provoked 4xx are not errors
environment: API_KEY (X-API-Key; default the development key of a local stack), API_URL`;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const optionsSchema = z.object({
  mode: z.enum(['realistic', 'burst', 'spike']).default('realistic'),
  durationS: z.coerce.number().positive().max(3600).default(60),
  requests: int(1, 1_000_000).default(5000),
  url: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
    .transform((u) => u.replace(/\/+$/, '')),
  seed: int(0, 2 ** 32 - 1).default(1),
  users: int(1, 256).optional(),
  spikeSize: int(1, 1000).optional(),
  spikeEveryS: z.coerce.number().positive().optional(),
  firstSpikeS: z.coerce.number().min(0).optional(),
  maxErrorRate: z.coerce.number().min(0).max(1).default(0.05),
  timeoutMs: int(100, 120_000).default(10_000),
  allowRemote: z.boolean().default(false),
  allowNoModel: z.boolean().default(false),
  quiet: z.boolean().default(false),
  apiKey: z.string().min(1),
});
export type LoadgenOptions = z.infer<typeof optionsSchema>;

const FLAGS: Record<string, keyof LoadgenOptions> = {
  '--mode': 'mode',
  '--duration': 'durationS',
  '--requests': 'requests',
  '--url': 'url',
  '--seed': 'seed',
  '--users': 'users',
  '--spike-size': 'spikeSize',
  '--spike-every': 'spikeEveryS',
  '--first-spike': 'firstSpikeS',
  '--max-error-rate': 'maxErrorRate',
  '--timeout-ms': 'timeoutMs',
};
const SWITCHES: Record<string, keyof LoadgenOptions> = { '--allow-remote': 'allowRemote', '--allow-no-model': 'allowNoModel', '--quiet': 'quiet' };

export class UsageError extends Error {}

/** Options from argv and the environment; the API key only from the environment (never in `ps`). */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): LoadgenOptions {
  const raw: Record<string, unknown> = { url: env['API_URL'] || 'http://127.0.0.1:8000', apiKey: env['API_KEY'] || 'dev-only-api-key' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') throw new UsageError(USAGE);
    if (SWITCHES[flag]) {
      raw[SWITCHES[flag]] = true;
      continue;
    }
    const key = FLAGS[flag];
    if (!key) throw new UsageError(`unknown argument "${argv[i]}"\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    raw[key] = value;
  }
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((x) => `--${String(x.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${x.message}`).join('\n'));
  return parsed.data;
}

/** The traffic profile of a run: the mode's, with the overrides given. */
export function profile(options: LoadgenOptions) {
  const mode = MODES[options.mode];
  const spike = mode.spike && {
    size: options.spikeSize ?? mode.spike.size,
    everyS: (options.spikeEveryS !== undefined ? [options.spikeEveryS, options.spikeEveryS] : mode.spike.everyS) as [number, number],
    // A short run still sees a spike: the first one comes within the first quarter of the run.
    firstS: options.firstSpikeS ?? Math.min(mode.spike.everyS[0], options.durationS / 4),
  };
  return { users: options.users ?? mode.users, pauseMs: mode.pauseMs as readonly [number, number], mix: mode.mix as Record<RequestKind, number>, spike };
}
