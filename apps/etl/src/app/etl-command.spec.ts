import { parseEtlCommand, UsageError } from './etl-command';

describe('parseEtlCommand', () => {
  it('parses the documented forms', () => {
    expect(parseEtlCommand(['migrate'])).toEqual({ kind: 'migrate' });
    expect(parseEtlCommand(['--once'])).toEqual({ kind: 'run', once: true, force: false, sources: undefined });
    expect(parseEtlCommand(['--once', '--force', '--source', 'showdown,csv'])).toEqual({ kind: 'run', once: true, force: true, sources: ['showdown', 'csv'] });
    expect(parseEtlCommand(['--source=showdown,pokeapi'])).toEqual({ kind: 'worker', force: false, sources: ['showdown', 'pokeapi'] });
  });

  it('refuses unknown flags and sources with a message', () => {
    expect(() => parseEtlCommand(['--onse'])).toThrow(UsageError);
    expect(() => parseEtlCommand(['--once', '--source', 'ftp'])).toThrow(/--source ftp/);
    expect(() => parseEtlCommand(['--once', '--source'])).toThrow(/needs a value/);
    expect(() => parseEtlCommand(['--once', '--source', 'csv'])).toThrow(/showdown/);
  });
});
