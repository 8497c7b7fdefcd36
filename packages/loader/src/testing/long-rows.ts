import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** The cities of datasets.ts's PLACES_CSV: long people rows are born in them. */
const CITIES = ['Kelso', 'Łódź', 'Θεσσαλονίκη', '東京', 'Derry, Londonderry'];

export interface LongRowsFile {
  bytes: number;
  /** Data rows written (the header not counted). */
  rows: number;
  /** The physical line of the one bad row, when asked for. */
  badLine: number | undefined;
}

const BLOCK_ROWS = 4096;

/**
 * A people.csv of at least `bytes`, written fast: one block of valid rows of ≈ 300 bytes
 * (names near the 100-character limit, multi-byte letters, a quoted city with a comma) is
 * encoded once and written over and over through a stream. Each row is one physical line,
 * so line numbers are simply row + 1. With `badRowFromEnd` the row that many rows before the
 * last one gets an impossible date (1999-02-30), so it must be rejected at its exact line.
 */
export async function writeLongPeopleCsv(
  path: string,
  options: { bytes: number; badRowFromEnd?: number },
): Promise<LongRowsFile> {
  const rows: string[] = [];
  for (let i = 0; i < BLOCK_ROWS; i++) {
    const city = CITIES[i % CITIES.length]!;
    const given = `Zoë-${i}-`.padEnd(96, 'abcdéfghijklmnopqrstuvwxyzł');
    const family = `Brzęczyszczykiewicz-${i}-`.padEnd(98, 'ΑλέξανδροςΠαπαδόπουλος');
    const day = String((i % 28) + 1).padStart(2, '0');
    rows.push(`${given},${family},19${String(i % 100).padStart(2, '0')}-0${(i % 9) + 1}-${day},"${city}"\n`);
  }
  const block = Buffer.from(rows.join(''), 'utf8');
  const header = Buffer.from('given_name,family_name,date_of_birth,place_of_birth\n');
  const blocks = Math.max(1, Math.ceil((options.bytes - header.length) / block.length));
  const total = blocks * BLOCK_ROWS;

  const out = createWriteStream(path, { highWaterMark: 4 << 20 });
  const write = async (chunk: Buffer) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  let written = header.length;
  await write(header);
  let badLine: number | undefined;
  const badRow = options.badRowFromEnd === undefined ? undefined : total - 1 - options.badRowFromEnd;
  for (let b = 0; b < blocks; b++) {
    const first = b * BLOCK_ROWS;
    if (badRow !== undefined && badRow >= first && badRow < first + BLOCK_ROWS) {
      const text = rows
        .map((row, i) => (first + i === badRow ? row.replace(/,19\d\d-\d\d-\d\d,/, ',1999-02-30,') : row))
        .join('');
      const chunk = Buffer.from(text, 'utf8');
      badLine = badRow + 2;
      written += chunk.length;
      await write(chunk);
    } else {
      written += block.length;
      await write(block);
    }
  }
  out.end();
  await once(out, 'close');
  return { bytes: written, rows: total, badLine };
}
