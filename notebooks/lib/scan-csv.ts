import { CsvSource, decodeUtf8, mapHeader, type FileSpec, type RecordShape } from '@rollcall/loader';

export interface ScanResult {
  file: string;
  header: string[];
  rows: number;
  blankLines: number;
  bytes: number;
}

/**
 * Reads one input file exactly as the loader does (CsvSource, then mapHeader on the
 * header) and hands every data record to `onRecord`, its fields as byte strings (see
 * FieldEncoding in the loader) so that the profile sees every field's bytes. A file the
 * loader would refuse as a whole (missing, empty, bad header, broken CSV) throws the
 * loader's own error.
 */
export async function scanCsv(
  path: string,
  spec: FileSpec,
  onRecord: (fields: string[], line: number, shape: RecordShape) => void,
): Promise<ScanResult> {
  const source = await CsvSource.open(path, { byteStrings: true });
  let shape: RecordShape | undefined;
  let header: string[] = [];
  let rows = 0;
  for await (const batch of source.batches()) {
    for (const { line, fields } of batch) {
      if (shape === undefined) {
        shape = { width: fields.length, layout: mapHeader(fields, spec, source.file), encoding: source.encoding };
        header = fields.map((name) => decodeUtf8(name) ?? name);
        continue;
      }
      rows++;
      onRecord(fields, line, shape);
    }
  }
  return { file: source.file, header, rows, blankLines: source.stats.blankLines, bytes: source.stats.bytes };
}
