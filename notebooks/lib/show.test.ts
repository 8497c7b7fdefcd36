import { deepStrictEqual as assertEquals } from 'node:assert/strict';
import { code, count, md, percent } from './show.ts';

Deno.test('percent rounds to one decimal and never shows a non-zero share as 0%', () => {
  const cases: [number, number, string][] = [
    [0, 10, '0%'],
    [3, 0, '0%'],
    [3, 10_000, '<0.1%'],
    [20, 10_000, '0.2%'],
    [1, 3, '33.3%'],
    [5, 5, '100%'],
  ];
  for (const [part, whole, shown] of cases) assertEquals(percent(part, whole), shown, `${part}/${whole}`);
});

Deno.test('count writes the number with thousands separators and the noun in singular or plural', () => {
  assertEquals(
    [count(1, 'row'), count(10_000, 'row'), count(2, 'person', 'people')],
    ['1 row', '10,000 rows', '2 people'],
  );
});

Deno.test('md escapes the characters Markdown would act on, and code fences a value holding a backtick', () => {
  assertEquals(md('*Ó Briain* [1]|x'), '\\*Ó Briain\\* \\[1\\]\\|x');
  assertEquals([code('data/raw'), code('a`b')], ['`data/raw`', '`` a`b ``']);
});
