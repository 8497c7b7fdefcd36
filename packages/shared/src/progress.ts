import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';
import type { Logger } from './log.ts';
import { formatDuration, progressFigures } from './progress-figures.ts';

/** How often a progress line is logged (the loader's rhythm since its first version). */
export const PROGRESS_EVERY_MS = 5_000;

export interface ProgressOptions {
  log: Logger;
  /** Names the work in every line: { file: 'people.csv' }, { report: ... }. */
  context: Record<string, unknown>;
  /** What the first column of the bar says (a file name). */
  label: string;
  /**
   * The whole, in the unit of update()'s `done` (bytes of a file, rows of a report); null when
   * it is not known, and then lines and bar say rows, rate and time spent only.
   */
  total: number | null;
  /** The log message of the periodic lines, e.g. 'loading'. */
  message: string;
  /** The key the rows go under in a line: rowsRead, rowsWritten. */
  rowsKey?: string;
  /** Where the bar is drawn; null: no bar. Default: stderr, when it is a terminal. */
  terminal?: NodeJS.WriteStream | null;
  /** Whether the periodic lines are logged. Default: unless a bar is drawn on the terminal the logs go to. */
  lines?: boolean;
  now?: () => number;
}

export interface Progress {
  /** `done` of the total so far, and the rows that took. Cheap: call it as often as you like. */
  update(done: number, rows: number): void;
  /**
   * All the work is handed over and something else must finish (the server building indexes,
   * a commit, a swap): says so now, and every few seconds while it lasts, so a silent tail
   * is explained.
   */
  waiting(what: string): void;
  /** Ends the bar (its line cleared, the cursor shown again) and the timers. Idempotent. */
  stop(): void;
}

/**
 * Progress for one long piece of work. In a terminal (stderr a TTY) a one-line bar on stderr,
 * redrawn in place by cli-progress: label, percent, rows/s, time left. Elsewhere (containers,
 * CI, pipes) a JSON log line every 5 s with the same figures. The bar is cleared and the cursor
 * shown again however the job ends: by stop(), by a signal, or by process.exit().
 */
export function startProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const terminal = options.terminal === undefined ? defaultTerminal() : options.terminal;
  const lines = options.lines ?? (terminal === null || process.stdout.isTTY !== true);
  const started = now();
  let next = started + PROGRESS_EVERY_MS;
  let last = { done: 0, rows: 0 };
  let waitTimer: NodeJS.Timeout | undefined;
  const bar = terminal ? new TerminalBar(terminal, options.label, options.total) : undefined;

  const rowsField = (rows: number) => (options.rowsKey ? { [options.rowsKey]: rows } : {});
  const total = options.total;
  const figures = () => progressFigures({ ...last, total: total ?? 0, elapsedMs: now() - started });
  /** What a line says: the share done and the time left only when there is a total. */
  const line = () => {
    const { percent, elapsedS, etaS, rowsPerSecond } = figures();
    return total === null ? { rowsPerSecond, elapsedS } : { rowsPerSecond, percent, elapsedS, etaS };
  };
  return {
    update(done, rows) {
      last = { done, rows };
      bar?.update(done, rows, figures());
      if (!lines) return;
      const at = now();
      if (at < next) return;
      next = at + PROGRESS_EVERY_MS;
      options.log.info({ ...options.context, ...rowsField(rows), ...line() }, options.message);
    },
    waiting(what) {
      if (waitTimer) return;
      const since = now();
      const say = () => {
        const waitingS = Math.round((now() - since) / 100) / 10;
        bar?.waiting(what, waitingS);
        const sofar = total === null ? {} : { ...rowsField(last.rows), percent: 100, elapsedS: figures().elapsedS };
        if (lines) options.log.info({ ...options.context, ...sofar, waitingS }, `waiting for ${what}`);
      };
      say();
      waitTimer = setInterval(say, bar ? 1000 : PROGRESS_EVERY_MS);
      waitTimer.unref();
    },
    stop() {
      clearInterval(waitTimer);
      bar?.stop();
    },
  };
}

/**
 * A wait with nothing to count (a commit, a table swap): a line now and every few seconds
 * while it lasts, or the bar saying so in a terminal, until stop().
 */
export function startWaiting(
  options: Omit<ProgressOptions, 'total' | 'rowsKey' | 'message'> & { what: string },
): Progress {
  const progress = startProgress({ ...options, total: null, message: 'waiting' });
  progress.waiting(options.what);
  return progress;
}

/** stderr when it is a terminal that can redraw a line. */
function defaultTerminal(): NodeJS.WriteStream | null {
  return process.stderr.isTTY === true && process.env.TERM !== 'dumb' ? process.stderr : null;
}

/** cli-progress's single bar, with our figures as its payload (its own ETA averages only the last few updates). */
class TerminalBar {
  private readonly bar: CliProgress.SingleBar;
  private readonly restore = () => this.stop();

  constructor(stream: NodeJS.WriteStream, label: string, total: number | null) {
    // Loaded only for a terminal, as pino-pretty is: jobs in containers and CI never pay for it at start-up.
    const { SingleBar } = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
    this.bar = new SingleBar({
      stream,
      format: (options, params, payload: BarPayload) => {
        const bar = (options.barCompleteString ?? '')
          .slice(0, Math.round(params.progress * (options.barsize ?? 30)))
          .padEnd(options.barsize ?? 30, options.barIncompleteChar);
        // Without a total there is no bar to fill nor time left to tell.
        if (total === null)
          return `${label}: ${payload.waiting ?? `${payload.rows ?? 0} rows | ${payload.rate ?? 0} rows/s`}`;
        const tail = payload.waiting ?? `${payload.rate ?? 0} rows/s | ${formatDuration(payload.etaS ?? null)} left`;
        return `${label} [${bar}] ${(payload.percent ?? 0).toFixed(1).padStart(5)}% | ${tail}`;
      },
      barsize: 30,
      fps: 5,
      hideCursor: true,
      clearOnComplete: true,
      // Ctrl-C is handled below, ahead of the job's own handler (cli-progress's would run after it,
      // and clear the line that handler has just logged).
      linewrap: false,
    });
    this.bar.start(Math.max(total ?? 0, 1), 0, { percent: 0, rate: 0, etaS: null, rows: 0 });
    // On Ctrl-C or SIGTERM the bar goes first, so the job's 'signal received' line is not drawn over;
    // a job that exits without unwinding (a second Ctrl-C, the stop grace period) still leaves a clean line.
    process
      .prependOnceListener('SIGINT', this.restore)
      .prependOnceListener('SIGTERM', this.restore)
      .prependOnceListener('exit', this.restore);
  }

  update(done: number, rows: number, figures: { percent: number; rowsPerSecond: number; etaS: number | null }): void {
    this.bar.update(done, {
      percent: figures.percent,
      rate: figures.rowsPerSecond,
      etaS: figures.etaS,
      rows,
      waiting: undefined,
    });
  }

  waiting(what: string, waitingS: number): void {
    this.bar.update({ waiting: `waiting for ${what} (${formatDuration(waitingS)})` });
  }

  stop(): void {
    process
      .removeListener('SIGINT', this.restore)
      .removeListener('SIGTERM', this.restore)
      .removeListener('exit', this.restore);
    this.bar.stop();
  }
}

interface BarPayload {
  rows?: number;
  percent?: number;
  rate?: number;
  etaS?: number | null;
  waiting?: string | undefined;
}
