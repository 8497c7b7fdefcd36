import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { RollcallError } from '@rollcall/shared';
import { foreignEncoding } from './input-encoding.ts';

/** Bytes read from the start of a file to recognise its encoding. */
const HEAD_BYTES = 512;

/**
 * What can be known of an input file before loading it, checked at start for both files
 * before the database is touched: it exists, is a file, is not empty, can be read by the
 * user the job runs as, and is not UTF-16 or UTF-32. Each failure names the file and the
 * reason (exit 4).
 */
export async function checkInputFile(path: string): Promise<void> {
  const file = basename(path);
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new RollcallError('INPUT_MISSING', `${file}: cannot open ${path} (${err.code ?? err.message})`, { file });
  });
  if (!info.isFile()) throw new RollcallError('INPUT_MISSING', `${file}: ${path} is not a file`, { file });
  if (info.size === 0)
    throw new RollcallError('INPUT_EMPTY', `${file}: the file is empty; expected a header line and data rows`, {
      file,
      line: 1,
    });
  const head = await readHead(path).catch((err: NodeJS.ErrnoException) => {
    const uid = process.getuid?.();
    throw new RollcallError(
      'INPUT_UNREADABLE',
      `${file}: cannot read ${path} (${err.code ?? err.message}): the job runs as uid ${uid ?? '?'}, the file belongs to uid ${info.uid} ` +
        `with mode ${(info.mode & 0o777).toString(8)}; make it readable for uid ${uid ?? '?'} (e.g. chmod a+r ${path})`,
      { file, reason: err.code, uid, ownerUid: info.uid },
    );
  });
  const encoding = foreignEncoding(head);
  if (encoding) {
    throw new RollcallError(
      'INPUT_ENCODING',
      `${file}: the file is ${encoding}, expected UTF-8; convert it to UTF-8 (e.g. iconv -f ${encoding} -t UTF-8 ${file} > ${file}.utf8, then replace it)`,
      { file, line: 1, encoding },
    );
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
