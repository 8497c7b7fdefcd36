/**
 * What a database error means for a job, whatever statement raised it. Both jobs and the
 * start-up wait decide on these kinds, never on lists of driver codes of their own.
 * - lost: the connection ended mid-run (a server crash, a restart, a cut network).
 * - unavailable: no connection (yet): refused, unknown host, too many connections.
 * - access-denied: the account may not log in or read/write what the job needs.
 * - lock: a lock wait ran out (another session holds what the statement needs).
 * - transient-cluster: the server rolled the transaction back and asks for it again:
 *   a certification conflict or a node outside the primary component on Galera, a
 *   rolled-back commit on Group Replication, a schema change under a snapshot.
 * - other: anything else (a bug, bad SQL, a full disk): not retried.
 */
export type DbErrorKind = 'lost' | 'unavailable' | 'access-denied' | 'lock' | 'transient-cluster' | 'other';

interface DriverError {
  code?: string;
  errno?: number;
  fatal?: boolean;
  message?: string;
}

const LOST = new Set(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'EPIPE', 'ER_SERVER_SHUTDOWN', 'ER_CONNECTION_KILLED']);

const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ER_CON_COUNT_ERROR',
]);

const ACCESS_DENIED = new Set([
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_TABLEACCESS_DENIED_ERROR',
  'ER_COLUMNACCESS_DENIED_ERROR',
  'ER_SPECIFIC_ACCESS_DENIED_ERROR',
  'ER_PROCACCESS_DENIED_ERROR',
]);

/** By error number: several of these have no name in mysql2, or another name in MariaDB. */
const TRANSIENT_CLUSTER = new Set([
  // ER_LOCK_DEADLOCK: on Galera, a certification conflict with a write set of another node
  // (MariaDB Galera "Known limitations"); on one server, a deadlock. Both ask for a retry.
  1213,
  // ER_UNKNOWN_COM_ERROR: "WSREP has not yet prepared node for application use", a Galera
  // node outside the primary component (MariaDB Galera docs, wsrep_ready).
  1047,
  // ER_TABLE_DEF_CHANGED: the tables were swapped after the snapshot began.
  1412,
  // ER_TRANSACTION_ROLLBACK_DURING_COMMIT (MySQL Group Replication): certification failed.
  3101,
  // TiDB ErrInfoSchemaChanged: the schema changed during the transaction (TiDB error codes).
  8028,
]);

/** Galera words its state in messages whose numbers vary by statement (a COMMIT gives 1180). */
const CLUSTER_MESSAGE = /WSREP|Primary Component|streaming replication fragment/i;

export function classifyDbError(err: unknown): DbErrorKind {
  if (err === null || typeof err !== 'object') return 'other';
  const { code, errno, fatal, message } = err as DriverError;
  if (code !== undefined && ACCESS_DENIED.has(code)) return 'access-denied';
  if (errno !== undefined && TRANSIENT_CLUSTER.has(errno)) return 'transient-cluster';
  if (errno !== undefined && errno >= 1000 && errno < 5000 && CLUSTER_MESSAGE.test(message ?? ''))
    return 'transient-cluster';
  if (code === 'ER_LOCK_WAIT_TIMEOUT') return 'lock';
  if (code !== undefined && UNAVAILABLE.has(code)) return 'unavailable';
  if (code !== undefined && LOST.has(code)) return 'lost';
  // A TLS handshake that fails is a setting to fix, not a connection to wait for.
  if (code?.startsWith('HANDSHAKE_')) return 'other';
  // mysql2 marks every error that ends a connection fatal. When the connection drops inside
  // a transaction, knex rejects with its failed ROLLBACK ("Can't add new command when
  // connection is in closed state", fatal, no code) instead of the error that caused it.
  if (fatal === true) return 'lost';
  return 'other';
}

/** The driver's own words for a log line: code, number and message, without the stack. */
export function describeCause(cause: unknown): Record<string, unknown> | undefined {
  if (cause === null || typeof cause !== 'object') return cause === undefined ? undefined : { message: String(cause) };
  const { code, errno, message } = cause as DriverError;
  const sqlState = (cause as { sqlState?: string }).sqlState;
  return {
    ...(code !== undefined ? { code } : {}),
    ...(errno !== undefined ? { errno } : {}),
    ...(sqlState !== undefined ? { sqlState } : {}),
    message: message ?? String(cause),
  };
}
