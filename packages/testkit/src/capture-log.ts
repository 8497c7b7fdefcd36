import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@rollcall/shared';

export interface CapturedLog {
  log: Logger;
  /** Every line written so far, parsed from the JSON pino wrote. */
  lines: Array<Record<string, unknown> & { msg?: string; level: number }>;
  /** The raw text, to search for things that must never appear (a password). */
  text(): string;
}

/** The jobs' own logger (same redaction), its output kept in memory for assertions. */
export function captureLog(level = 'debug', job = 'test'): CapturedLog {
  const raw: string[] = [];
  const lines: CapturedLog['lines'] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      const text = chunk.toString();
      raw.push(text);
      for (const line of text.split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger({ level, job, destination: sink }), lines, text: () => raw.join('') };
}
