import { etlSourcesField, EtlSourceName } from '@predictiondex/config';

export type EtlCommand =
  | { kind: 'migrate' }
  | { kind: 'run'; once: true; force: boolean; sources?: EtlSourceName[] }
  | { kind: 'worker'; force: boolean; sources?: EtlSourceName[] }
  | { kind: 'help' };

export const USAGE = `usage:
  etl migrate                                    apply database migrations (creates the database if needed)
  etl --once [--force] [--source showdown,csv,pokeapi]
                                                 run one ETL and exit; last stdout line is a JSON summary
  etl [--force] [--source ...]                   worker: run the ETL at start, then serve /health and
                                                 /metrics and take 'refresh' jobs from the etl queue`;

export class UsageError extends Error {}

/** Parses argv (without node and the script). Unknown flags are an error, not ignored. */
export function parseEtlCommand(argv: string[]): EtlCommand {
  if (argv[0] === 'migrate') {
    if (argv.length > 1) throw new UsageError(`migrate takes no options, got '${argv.slice(1).join(' ')}'`);
    return { kind: 'migrate' };
  }
  let once = false;
  let force = false;
  let sources: EtlSourceName[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    else if (arg === '--once') once = true;
    else if (arg === '--force') force = true;
    else if (arg === '--source' || arg.startsWith('--source=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (value === undefined) throw new UsageError('--source needs a value, e.g. --source showdown,csv');
      const parsed = etlSourcesField.safeParse(value);
      if (!parsed.success) throw new UsageError(`--source ${value}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
      sources = parsed.data;
    } else throw new UsageError(`unknown argument '${arg}'`);
  }
  return once ? { kind: 'run', once, force, sources } : { kind: 'worker', force, sources };
}
