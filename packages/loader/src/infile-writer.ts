import { Readable } from 'node:stream';
import type { RowValues, TableTarget, TableWriter } from './table-writer.ts';

/** Bytes per LOAD DATA statement: big enough that per-statement cost vanishes. */
export const INFILE_CHUNK_BYTES = 8 << 20;

const SPECIAL = /[\\\t\n\0]/;
const SPECIAL_ALL = /[\\\t\n\0]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\0': '\\0' };

/** A value in LOAD DATA's default text format (FIELDS ESCAPED BY '\\'). */
export function escapeInfileValue(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : value;
}

/**
 * The fast path: rows become tab-separated text streamed to the server with LOAD DATA
 * LOCAL INFILE through mysql2's infileStreamFactory. While the server ingests one chunk
 * the next is being parsed and validated, so parsing and writing overlap; at most two
 * chunks are in memory.
 */
export class InfileWriter implements TableWriter {
  private readonly target: TableTarget;
  private readonly sql: string;
  private parts: string[] = [];
  private size = 0;
  private rows = 0;
  private written = 0;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(target: TableTarget) {
    this.target = target;
    const columns = target.columns.map((c) => `\`${c}\``).join(', ');
    this.sql =
      `LOAD DATA LOCAL INFILE 'rollcall-${target.table}' INTO TABLE \`${target.table}\` CHARACTER SET utf8mb4 ` +
      `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns})`;
  }

  add(values: RowValues): void {
    let line = escapeInfileValue(values[0]!);
    for (let i = 1; i < values.length; i++) line += '\t' + escapeInfileValue(values[i]!);
    line += '\n';
    this.parts.push(line);
    this.size += line.length;
    this.rows++;
  }

  get full(): boolean {
    return this.size >= INFILE_CHUNK_BYTES;
  }

  async flush(): Promise<void> {
    if (this.rows === 0) return;
    const data = Buffer.from(this.parts.join(''), 'utf8');
    const rows = this.rows;
    this.parts = [];
    this.size = 0;
    this.rows = 0;
    await this.inFlight;
    this.inFlight = this.send(data, rows);
    // Awaited by the next flush or by close(); this only keeps Node from calling it unhandled meanwhile.
    this.inFlight.catch(() => undefined);
  }

  async close(): Promise<number> {
    await this.flush();
    await this.inFlight;
    return this.written;
  }

  private async send(data: Buffer, rows: number): Promise<void> {
    const [result] = await this.target.trx
      .raw(this.sql)
      .options({ infileStreamFactory: () => Readable.from([data]) });
    const { affectedRows, warningStatus } = result as { affectedRows: number; warningStatus: number };
    // LOCAL implies IGNORE: the server would truncate or coerce silently, with warnings.
    // The row rules are meant to make that impossible; if it happens anyway, stop.
    if (warningStatus > 0 || affectedRows !== rows) {
      const [warnings] = await this.target.trx.raw('SHOW WARNINGS LIMIT 5');
      throw new Error(
        `LOAD DATA into ${this.target.table} stored ${affectedRows} of ${rows} rows with ${warningStatus} warnings: ` +
          JSON.stringify(warnings),
      );
    }
    this.written += rows;
  }
}
