import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export interface CapturedLog {
  log: Logger;
  /** Every line written so far, parsed from the JSON pino wrote. */
  lines: Array<Record<string, unknown> & { msg?: string; level: number }>;
  /** The raw text, to search for things that must never appear (a password). */
  text(): string;
}

/** A real pino logger whose output is kept in memory, for asserting what a job logs. */
export function captureLog(level = 'debug'): CapturedLog {
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
  return { log: pino({ level, redact: { paths: ['password', '*.password'], censor: '[redacted]' } }, sink), lines, text: () => raw.join('') };
}
