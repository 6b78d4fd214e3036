import { parseCsv } from './csv-parser';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded newlines, CRLF and a BOM', () => {
    const { records, delimiter } = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\n');
    expect(delimiter).toBe(',');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', 'z'] },
    ]);
  });

  it('detects semicolon files and skips blank lines', () => {
    const { records, delimiter } = parseCsv('a;b\n\n1;2');
    expect(delimiter).toBe(';');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('throws on an unterminated quote', () => {
    expect(() => parseCsv('a,b\n"open,2\n')).toThrow(/unterminated quoted field starting on line 2/);
  });
});
