import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
// util-linux's script(1) runs a command on a pseudo-terminal: stdout and stderr are then a TTY,
// as in a person's terminal, and a ^C written to its input reaches the job as SIGINT.
const SCRIPT = '/usr/bin/script';

const SHOW_CURSOR = '\x1B[?25h';
const HIDE_CURSOR = '\x1B[?25l';
const CLEAR_LINE = '\x1B[2K';
const BAR = /people\.csv \[[=-]{30}\] +\d+\.\d% \| \d+ rows\/s \| (\?|\d+s|\d+m \d\ds) left/;

/** Runs the generator in a terminal; once the bar shows a rate, `interrupt` types Ctrl-C. */
function generateInTerminal(args: string[], { interrupt = false } = {}): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, '--conditions=development', MAIN, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', TERM: 'xterm' } });
    let screen = '';
    let typed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (interrupt && !typed && /[1-9]\d* rows\/s/.test(screen)) {
        typed = true;
        child.stdin.write('\x03');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

/** After the last bar drawn, the cursor is shown again and the bar's line cleared. */
function expectCleanEnd(screen: string): void {
  const lastBar = screen.search(new RegExp(`${BAR.source}(?![\\s\\S]*people\\.csv \\[)`));
  expect(lastBar).toBeGreaterThanOrEqual(0);
  const after = screen.slice(lastBar);
  expect(after.indexOf(SHOW_CURSOR)).toBeGreaterThan(0);
  expect(after.indexOf(CLEAR_LINE)).toBeGreaterThan(after.indexOf(SHOW_CURSOR));
  expect(screen.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(screen.lastIndexOf(HIDE_CURSOR));
}

describe.skipIf(!existsSync(SCRIPT))('the generator in a terminal', () => {
  let out: string;
  beforeAll(async () => (out = await mkdtemp(join(tmpdir(), 'rollcall-generate-tty-'))));
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('draws a live progress bar on stderr and ends with a clean line, logging no progress lines', { timeout: 60_000 }, async () => {
    const { code, screen } = await generateInTerminal(['--people', '200000', '--seed', '1', '--out', join(out, 'whole')]);
    expect(code).toBe(0);
    expect(screen).toMatch(BAR);
    expectCleanEnd(screen);
    expect(screen).not.toContain('generating');
    expect(screen).toContain('generated');
  });

  it('leaves the terminal clean on Ctrl-C: bar cleared, cursor shown, exit 130, no files', { timeout: 60_000 }, async () => {
    const { code, screen } = await generateInTerminal(['--people', '20000000', '--seed', '1', '--out', join(out, 'interrupted')], { interrupt: true });
    expect(code).toBe(130);
    expectCleanEnd(screen);
    expect(screen).toContain('Interrupted by SIGINT');
    expect(await readdir(join(out, 'interrupted'))).toEqual([]);
  });
});
