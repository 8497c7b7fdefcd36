import type { StepResult } from './results.ts';

const HEADER = ['step', 'seconds', 'rows/s', '× floor', 'Node CPU s', 'server CPU s', 'peak RSS (MB)', 'note'];
/** Numbers are right-aligned (Markdown `---:`), text left. */
const RIGHT = [false, true, true, true, true, true, true, false];
const NONE = '—';

export function formatSeconds(seconds: number): string {
  if (seconds >= 100) return seconds.toFixed(0);
  if (seconds >= 10) return seconds.toFixed(1);
  if (seconds >= 1) return seconds.toFixed(2);
  return seconds.toFixed(3);
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatRatio(ratio: number): string {
  return ratio >= 100 ? `${ratio.toFixed(0)}x` : `${ratio.toFixed(2)}x`;
}

/** The cells of one result: an extrapolated time is marked ≈ and its note names the sample. */
export function cells(result: StepResult): string[] {
  if (result.status !== 'ok' || result.seconds === undefined) {
    return [result.label, NONE, NONE, NONE, NONE, NONE, NONE, `${result.status}: ${result.note ?? ''}`.trim()];
  }
  const notes = [];
  if (result.jobSeconds !== undefined) {
    const ratio = result.jobRatio === undefined ? '' : `, ${formatRatio(result.jobRatio)}`;
    notes.push(`job's own timer ${formatSeconds(result.jobSeconds)} s${ratio}`);
  }
  if (result.sample)
    notes.push(
      `extrapolated from a sample of ${formatCount(result.sample.rows)} rows (${formatSeconds(result.sample.seconds)} s)`,
    );
  if (result.note) notes.push(result.note);
  return [
    result.label,
    `${result.sample ? '≈ ' : ''}${formatSeconds(result.seconds)}`,
    result.rowsPerSecond === undefined ? NONE : formatCount(result.rowsPerSecond),
    result.ratio === undefined ? NONE : formatRatio(result.ratio),
    result.nodeCpuSeconds === undefined ? NONE : `${result.sample ? '≈ ' : ''}${formatSeconds(result.nodeCpuSeconds)}`,
    result.serverCpuSeconds === undefined
      ? NONE
      : `${result.sample ? '≈ ' : ''}${formatSeconds(result.serverCpuSeconds)}`,
    result.peakRssMb === undefined ? NONE : result.peakRssMb.toFixed(0),
    notes.join('; '),
  ];
}

/** The steps as a Markdown table, padded so it also reads as plain text in a terminal. */
export function formatTable(results: readonly StepResult[]): string {
  return padTable(HEADER, RIGHT, results.map(cells));
}

/** A Markdown table of `rows` under `header`, columns marked in `right` aligned right. */
export function padTable(
  header: readonly string[],
  right: readonly boolean[],
  rows: readonly (readonly string[])[],
): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(3, ...all.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => (right[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (right[column] ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
