import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

// util-linux's script(1) runs a command on a pseudo-terminal: its stdout and stderr are then a
// TTY, as in a person's terminal, and a ^C written to its input reaches the job as SIGINT.
const SCRIPT = '/usr/bin/script';

export const SHOW_CURSOR = '\x1B[?25h';
export const HIDE_CURSOR = '\x1B[?25l';
export const CLEAR_LINE = '\x1B[2K';

export function terminalAvailable(): boolean {
  return existsSync(SCRIPT);
}

/**
 * Runs `argv` on a pseudo-terminal with only `env` (plus PATH and TERM) and gives back all it
 * drew, escape codes included. `interruptWhen`: types Ctrl-C once the screen so far matches.
 */
export function runInTerminal(
  argv: string[],
  env: Record<string, string>,
  { interruptWhen }: { interruptWhen?: RegExp } = {},
): Promise<{ code: number | null; screen: string }> {
  const command = argv.map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env },
    });
    let screen = '';
    let typed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (interruptWhen && !typed && interruptWhen.test(screen)) {
        typed = true;
        child.stdin.write('\x03');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

/**
 * Where a progress bar was last drawn on `screen` and whether it was left clean: the cursor
 * shown again after that and the line cleared after that.
 */
export function barEnding(screen: string, bar: RegExp): { drawn: boolean; cursorShown: boolean; lineCleared: boolean } {
  let last = -1;
  for (const match of screen.matchAll(new RegExp(bar.source, 'g'))) last = match.index;
  if (last < 0) return { drawn: false, cursorShown: false, lineCleared: false };
  const after = screen.slice(last);
  const shown = after.indexOf(SHOW_CURSOR);
  return {
    drawn: true,
    cursorShown: shown > 0 && screen.lastIndexOf(SHOW_CURSOR) > screen.lastIndexOf(HIDE_CURSOR),
    lineCleared: shown > 0 && after.indexOf(CLEAR_LINE, shown) > shown,
  };
}
