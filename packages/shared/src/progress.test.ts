import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { captureLog } from '@rollcall/testkit';
import { PROGRESS_EVERY_MS, startProgress } from './progress.ts';

/** A clock the test moves by hand. */
function manualClock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

/** A stream that says it is a terminal and keeps what is drawn on it. */
function fakeTerminal(): NodeJS.WriteStream & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text: () => string };
  Object.assign(stream, { isTTY: true, columns: 100, text: () => chunks.join('') });
  return stream;
}

describe('progress lines (not a terminal)', () => {
  it('logs file, rows, rate, percent, time spent and time left every 5 s, and nothing in between', () => {
    const { log, lines } = captureLog('info');
    const clock = manualClock();
    const progress = startProgress({
      log,
      context: { file: 'people.csv' },
      label: 'people.csv',
      total: 1000,
      message: 'loading',
      rowsKey: 'rowsRead',
      terminal: null,
      now: clock.now,
    });
    clock.advance(1000);
    progress.update(100, 10);
    expect(lines).toEqual([]);
    clock.advance(PROGRESS_EVERY_MS - 1000);
    progress.update(250, 25);
    clock.advance(PROGRESS_EVERY_MS);
    progress.update(500, 50);
    progress.stop();
    expect(
      lines.map(({ file, rowsRead, rowsPerSecond, percent, elapsedS, etaS, msg }) => ({
        file,
        rowsRead,
        rowsPerSecond,
        percent,
        elapsedS,
        etaS,
        msg,
      })),
    ).toEqual([
      { file: 'people.csv', rowsRead: 25, rowsPerSecond: 5, percent: 25, elapsedS: 5, etaS: 15, msg: 'loading' },
      { file: 'people.csv', rowsRead: 50, rowsPerSecond: 5, percent: 50, elapsedS: 10, etaS: 10, msg: 'loading' },
    ]);
  });

  it('says at once what it waits for once the work is handed over, at 100%', () => {
    const { log, lines } = captureLog('info');
    const clock = manualClock();
    const progress = startProgress({
      log,
      context: { file: 'places.csv' },
      label: 'places.csv',
      total: 10,
      message: 'loading',
      rowsKey: 'rowsRead',
      terminal: null,
      now: clock.now,
    });
    clock.advance(2000);
    progress.update(10, 3);
    progress.waiting('the server to store the last rows');
    progress.stop();
    expect(lines).toEqual([
      expect.objectContaining({
        file: 'places.csv',
        rowsRead: 3,
        percent: 100,
        elapsedS: 2,
        waitingS: 0,
        msg: 'waiting for the server to store the last rows',
      }),
    ]);
  });

  it('says rows, rate and time spent, and no share or time left, when the total is not known', () => {
    const { log, lines } = captureLog('info');
    const clock = manualClock();
    const progress = startProgress({
      log,
      context: { report: 'people_export' },
      label: 'people_export.csv',
      total: null,
      message: 'writing',
      rowsKey: 'rowsWritten',
      terminal: null,
      now: clock.now,
    });
    clock.advance(PROGRESS_EVERY_MS);
    progress.update(700, 700);
    progress.stop();
    expect(lines).toEqual([
      expect.objectContaining({
        report: 'people_export',
        rowsWritten: 700,
        rowsPerSecond: 140,
        elapsedS: 5,
        msg: 'writing',
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('percent');
    expect(lines[0]).not.toHaveProperty('etaS');
  });
});

describe('the progress bar (a terminal)', () => {
  it('draws label, percent, rows/s and time left, logs no periodic line, and ends with its line cleared and the cursor shown', () => {
    const { log, lines } = captureLog('info');
    const terminal = fakeTerminal();
    const clock = manualClock();
    const progress = startProgress({
      log,
      context: { file: 'people.csv' },
      label: 'people.csv',
      total: 1000,
      message: 'loading',
      rowsKey: 'rowsRead',
      terminal,
      lines: false,
      now: clock.now,
    });
    clock.advance(PROGRESS_EVERY_MS * 2);
    progress.update(500, 5000);
    progress.stop();
    const text = terminal.text();
    expect(text).toContain('\x1B[?25l');
    expect(text).toMatch(/people\.csv \[=+-+\] {2}50\.0% \| 500 rows\/s \| 10s left/);
    // Last of all: the cursor shown again (ESC[?25h after the ESC[?25l that hid it), the line cleared (ESC[2K).
    expect(text.lastIndexOf('\x1B[?25h')).toBeGreaterThan(text.lastIndexOf('\x1B[?25l'));
    expect(text.lastIndexOf('\x1B[?25h')).toBeGreaterThan(text.lastIndexOf('left'));
    expect(text.endsWith('\x1B[2K')).toBe(true);
    expect(lines).toEqual([]);
  });

  it('draws rows and rate, and no bar to fill, when the total is not known', () => {
    const { log } = captureLog('info');
    const terminal = fakeTerminal();
    const clock = manualClock();
    const progress = startProgress({
      log,
      context: {},
      label: 'people_per_place.json',
      total: null,
      message: 'writing',
      terminal,
      lines: false,
      now: clock.now,
    });
    clock.advance(2000);
    progress.update(3000, 3000);
    progress.stop();
    expect(terminal.text()).toContain('people_per_place.json: 3000 rows | 1500 rows/s');
    expect(terminal.text()).not.toMatch(/\[[=-]+\]/);
  });

  it('shows what it waits for on the bar', () => {
    const { log } = captureLog('info');
    const terminal = fakeTerminal();
    const progress = startProgress({
      log,
      context: {},
      label: 'people.csv',
      total: 10,
      message: 'loading',
      terminal,
      lines: false,
    });
    progress.update(10, 1);
    progress.waiting('the server to store the last rows');
    progress.stop();
    expect(terminal.text()).toMatch(
      /people\.csv \[=+\] 100\.0% \| waiting for the server to store the last rows \(0s\)/,
    );
  });
});
