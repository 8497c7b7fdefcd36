import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, EXIT_CODES, exitCodeFor, RollcallError, type ErrorCode } from './errors.ts';

const DOC = readFileSync(fileURLToPath(new URL('../../../docs/failure-behaviour.md', import.meta.url)), 'utf8');

/** The rows of the markdown table whose header row starts with `firstHeader`, as cells. */
function table(firstHeader: string): string[][] {
  const lines = DOC.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${firstHeader} |`));
  if (start < 0) throw new Error(`docs/failure-behaviour.md has no table starting with "${firstHeader}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const codesIn = (cell: string) => [...cell.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!);
const exitsIn = (cell: string) => cell.split('/').map((part) => Number(part.trim()));
/** The exit codes an error code ends in: a signal's for INTERRUPTED, else its entry. */
const exitsOf = (code: ErrorCode) =>
  code === 'INTERRUPTED' ? [EXIT_CODES.SIGINT, EXIT_CODES.SIGTERM] : [exitCodeFor(new RollcallError(code, ''))];

describe('error codes and exit codes, as documented in docs/failure-behaviour.md', () => {
  it('gives every error code an exit code other than 1', () => {
    for (const code of ERROR_CODES) {
      for (const exit of exitsOf(code)) {
        expect(exit, code).toBeTypeOf('number');
        expect(exit, code).not.toBe(EXIT_CODES.INTERNAL);
      }
    }
  });

  it('lists every exit code, with exactly the error codes that end in it', () => {
    const rows = table('exit');
    const documented = rows.flatMap(([exits]) => exitsIn(exits!));
    expect(new Set(documented)).toEqual(new Set(Object.values(EXIT_CODES)));
    for (const [exits, codes] of rows) {
      const expected = ERROR_CODES.filter((code) => exitsOf(code).some((exit) => exitsIn(exits!).includes(exit)));
      expect(new Set(codesIn(codes!)), `exit ${exits}`).toEqual(new Set(expected));
    }
  });

  it('describes a situation for every error code, with the exit code it maps to', () => {
    const rows = table('situation');
    const documented = new Set(rows.flatMap(([, code]) => codesIn(code!)));
    expect(documented).toEqual(new Set(ERROR_CODES));
    for (const [situation, code, exits] of rows) {
      const codes = codesIn(code!) as ErrorCode[];
      expect(codes.length, situation).toBeLessThanOrEqual(1);
      const expected = codes.length === 0 ? [EXIT_CODES.OK] : exitsOf(codes[0]!);
      expect(new Set(exitsIn(exits!)), situation).toEqual(new Set(expected));
    }
  });

  it('ends no documented situation in exit 1', () => {
    for (const [situation, , exits] of table('situation'))
      expect(exitsIn(exits!), situation).not.toContain(EXIT_CODES.INTERNAL);
  });
});
