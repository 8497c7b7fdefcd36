/** Output helpers: findings as Markdown, tables as HTML with a plain-text twin. */

export type Cell = string | number;

const MARKDOWN_SPECIAL = /[\\`*_{}[\]<>()#+\-.!|~]/g;

/** A value from the data, safe to put inside Markdown text. */
export function md(value: Cell): string {
  return typeof value === 'number' ? formatNumber(value) : value.replace(MARKDOWN_SPECIAL, '\\$&');
}

export function formatNumber(value: number): string {
  return Number.isInteger(value)
    ? value.toLocaleString('en-US')
    : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** "1 row", "3 rows". */
export function count(value: number, noun: string, plural = `${noun}s`): string {
  return `${formatNumber(value)} ${value === 1 ? noun : plural}`;
}

/** A share to one decimal; a share too small to show as 0.1% is "<0.1%", never "0%". */
export function percent(part: number, whole: number): string {
  if (whole === 0 || part === 0) return '0%';
  const tenths = Math.round((part / whole) * 1000);
  return tenths === 0 ? '<0.1%' : `${(tenths / 10).toLocaleString('en-US')}%`;
}

/** Shows a finding, written in Markdown (escape data values with md()). */
export async function say(markdown: string): Promise<void> {
  await Deno.jupyter.display({ 'text/markdown': markdown, 'text/plain': markdown }, { raw: true });
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Shows a table; numbers are right-aligned with thousands separators. */
export async function showTable(header: readonly string[], rows: readonly (readonly Cell[])[]): Promise<void> {
  if (rows.length === 0) {
    await say('*(no rows)*');
    return;
  }
  const text = (cell: Cell) => (typeof cell === 'number' ? formatNumber(cell) : cell);
  const align = (cell: Cell | undefined) =>
    typeof cell === 'number' ? ' style="text-align:right"' : ' style="text-align:left"';
  const html = [
    '<table>',
    `<thead><tr>${header.map((name, i) => `<th${align(rows[0]![i])}>${escapeHtml(name)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${row.map((cell) => `<td${align(cell)}>${escapeHtml(text(cell))}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => text(row[i] ?? '').length)));
  const line = (cells: readonly Cell[]) =>
    cells
      .map((cell, i) => (typeof cell === 'number' ? text(cell).padStart(widths[i]!) : text(cell).padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const plain = [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
  await Deno.jupyter.display({ 'text/html': html, 'text/plain': plain }, { raw: true });
}

/** A value as inline code in Markdown (file names, paths, codes). */
export function code(value: string): string {
  return value.includes('`') ? `\`\` ${value} \`\`` : `\`${value}\``;
}
