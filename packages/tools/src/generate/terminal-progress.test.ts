import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barEnding, runInTerminal, terminalAvailable } from '@rollcall/testkit';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const BAR = /people\.csv \[[=-]{30}\] +\d+\.\d% \| \d+ rows\/s \| (\?|\d+s|\d+m \d\ds) left/;

const generate = (args: string[], options?: { interruptWhen: RegExp }) =>
  runInTerminal([process.execPath, '--conditions=development', MAIN, ...args], {}, options);

describe.skipIf(!terminalAvailable())('the generator in a terminal', () => {
  let out: string;
  beforeAll(async () => (out = await mkdtemp(join(tmpdir(), 'rollcall-generate-tty-'))));
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('draws a live progress bar on stderr and ends with a clean line, logging no progress lines', {
    timeout: 60_000,
  }, async () => {
    const { code, screen } = await generate(['--people', '200000', '--seed', '1', '--out', join(out, 'whole')]);
    expect(code).toBe(0);
    expect(barEnding(screen, BAR)).toEqual({ drawn: true, cursorShown: true, lineCleared: true });
    expect(screen).not.toContain('generating');
    expect(screen).toContain('generated');
  });

  it('leaves the terminal clean on Ctrl-C: bar cleared, cursor shown, exit 130, no files', {
    timeout: 60_000,
  }, async () => {
    const { code, screen } = await generate(
      ['--people', '20000000', '--seed', '1', '--out', join(out, 'interrupted')],
      { interruptWhen: /[1-9]\d* rows\/s/ },
    );
    expect(code).toBe(130);
    expect(barEnding(screen, BAR)).toEqual({ drawn: true, cursorShown: true, lineCleared: true });
    expect(screen).toContain('Interrupted by SIGINT');
    expect(await readdir(join(out, 'interrupted'))).toEqual([]);
  });
});
