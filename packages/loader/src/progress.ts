import type { Logger } from '@rollcall/shared';

const EVERY_MS = 5_000;

/** One progress line every few seconds on long loads, with the rate so far. */
export function progressReporter(log: Logger, file: string): (rowsRead: number) => void {
  const started = Date.now();
  let next = started + EVERY_MS;
  return (rowsRead) => {
    const now = Date.now();
    if (now < next) return;
    next = now + EVERY_MS;
    const seconds = (now - started) / 1000;
    log.info({ file, rowsRead, rowsPerSecond: Math.round(rowsRead / seconds) }, 'loading');
  };
}
