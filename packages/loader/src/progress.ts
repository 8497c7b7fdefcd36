import { startProgress, type Logger, type Progress } from '@rollcall/shared';
import type { CsvSource } from './csv-source.ts';

/**
 * Progress through one input file, by bytes read: the size is known before the first row,
 * the row count only after the last. A 'loading' line every 5 s (file, rowsRead, rowsPerSecond,
 * percent, elapsedS, etaS), or a bar on stderr in a terminal.
 */
export function fileProgress(log: Logger, source: CsvSource): Progress {
  return startProgress({
    log,
    context: { file: source.file },
    label: source.file,
    total: source.stats.bytes,
    message: 'loading',
    rowsKey: 'rowsRead',
  });
}
