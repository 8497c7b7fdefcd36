/** Where a long job stands, as its progress lines and its terminal bar show it. */
export interface ProgressFigures {
  /** Share of the total done, 0–100, one decimal. */
  percent: number;
  /** Seconds since the start, one decimal. */
  elapsedS: number;
  /** Seconds left at the rate so far, whole; null until there is a rate to go by. */
  etaS: number | null;
  /** Rows per second so far, whole. */
  rowsPerSecond: number;
}

/**
 * The arithmetic behind every progress line. `done` and `total` are in one unit (bytes of a
 * file read, rows written), which need not be rows: the loader measures a file by bytes,
 * since its size is known before the first row while its row count is not. The time left
 * assumes the rest goes at the average rate so far.
 */
export function progressFigures(at: { done: number; total: number; rows: number; elapsedMs: number }): ProgressFigures {
  const { total, rows } = at;
  const done = Math.min(Math.max(at.done, 0), total);
  const elapsedMs = Math.max(at.elapsedMs, 0);
  const share = total > 0 ? done / total : 1;
  const etaS = done > 0 && elapsedMs > 0 ? Math.round(((elapsedMs / done) * (total - done)) / 1000) : null;
  return {
    percent: Math.floor(share * 1000) / 10,
    elapsedS: Math.round(elapsedMs / 100) / 10,
    etaS,
    rowsPerSecond: elapsedMs > 0 ? Math.round((rows * 1000) / elapsedMs) : 0,
  };
}

/** A duration for people: 45s, 3m 05s, 2h 07m; '?' when not known yet. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m ${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}
