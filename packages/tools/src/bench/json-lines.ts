/**
 * The JSON lines of a job's output (pino writes one object per line when stdout is not a
 * terminal), in order; any other line (a client's text, a half-written line) is skipped.
 */
export function jsonLines(text: string): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      entries.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a line that only looks like JSON
    }
  }
  return entries;
}
