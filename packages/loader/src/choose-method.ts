import { Readable } from 'node:stream';
import { RollcallError, type Knex, type Logger } from '@rollcall/shared';
import type { LoadMethodSetting } from './config.ts';
import type { LoadMethod } from './table-writer.ts';

/**
 * Error numbers meaning "LOCAL INFILE is switched off", by the server or the client side.
 * Only these: any other failure of the probe (out of memory, a lost connection) is an error,
 * never a reason to switch to the slower path in silence.
 */
const INFILE_REFUSED = new Set([
  1148, // ER_NOT_ALLOWED_COMMAND: MariaDB, and MySQL up to 8.0.18
  3948, // ER_CLIENT_LOCAL_FILES_DISABLED: MySQL 8.0.19+ (8.4 included) with local_infile=OFF
  4166, // ER_LOAD_INFILE_CAPABILITY_DISABLED: MariaDB 10.5+ with local_infile=OFF
  // Not 3950: in MySQL that is ER_DA_OOM (out of memory). Not 2068 (CR_LOAD_DATA_LOCAL_INFILE_REJECTED):
  // a client-side code of libmysqlclient that mysql2 never raises.
]);

export function isLocalInfileRefusal(errno: number | undefined): boolean {
  return errno !== undefined && INFILE_REFUSED.has(errno);
}

/**
 * Tries an empty LOAD DATA LOCAL INFILE into the staging table: the only test that covers
 * the server setting, the client flag and the account's rights together. MySQL 8 ships
 * local_infile=OFF, so with 'auto' a refusal is expected and falls back to INSERT; with
 * 'infile' it is a configuration problem, said as such before any row is read.
 */
export async function chooseLoadMethod(db: Knex, setting: LoadMethodSetting, log: Logger): Promise<LoadMethod> {
  if (setting === 'insert') return 'insert';
  try {
    await db
      .raw(
        "LOAD DATA LOCAL INFILE 'rollcall-probe' INTO TABLE places_next FIELDS TERMINATED BY '\\t' (city, county, country)",
      )
      .options({ infileStreamFactory: () => Readable.from([]) });
    return 'infile';
  } catch (err) {
    const errno = (err as { errno?: number }).errno;
    if (!isLocalInfileRefusal(errno)) throw err;
    if (setting === 'infile') {
      throw new RollcallError(
        'CONFIG_INVALID',
        `LOAD_METHOD=infile, but the server refuses LOAD DATA LOCAL INFILE (${(err as Error).message}); ` +
          'enable local_infile on the server, or set LOAD_METHOD=auto or insert',
        { variables: ['LOAD_METHOD'], errno },
        { cause: err },
      );
    }
    log.warn(
      { errno, reason: (err as Error).message },
      'server refuses LOAD DATA LOCAL INFILE: falling back to batched INSERT (slower)',
    );
    return 'insert';
  }
}
