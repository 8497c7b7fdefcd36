import { describe, expect, it } from 'vitest';
import { jsonLines } from './json-lines.ts';

describe('jsonLines', () => {
  it('parses the JSON lines of an output in order and skips text, blank and broken lines', () => {
    const output = [
      '{"msg":"a","level":30}',
      'ERROR 1045 (28000): Access denied',
      '',
      '{broken',
      '  {"indented":true}',
      '{"msg":"b"}',
    ].join('\n');
    expect(jsonLines(output)).toEqual([{ msg: 'a', level: 30 }, { msg: 'b' }]);
  });
});
