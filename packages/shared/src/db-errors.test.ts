import { describe, expect, it } from 'vitest';
import { classifyDbError, describeCause, type DbErrorKind } from './db-errors.ts';

/** An error as mysql2 builds it: code, errno and the server's message. */
const driverError = (fields: { code?: string; errno?: number; fatal?: boolean; message?: string }) =>
  Object.assign(new Error(fields.message ?? 'driver error'), fields);

describe('classifyDbError', () => {
  const cases: [string, Parameters<typeof driverError>[0], DbErrorKind][] = [
    ['a server killed mid-statement is lost', { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }, 'lost'],
    ['a connection reset is lost', { code: 'ECONNRESET', fatal: true }, 'lost'],
    [
      "knex's failed ROLLBACK on a closed connection (fatal, no code) is lost",
      { fatal: true, message: "Can't add new command when connection is in closed state" },
      'lost',
    ],
    ['a server shutting down is lost', { code: 'ER_SERVER_SHUTDOWN', errno: 1053 }, 'lost'],
    ['a refused connection is unavailable', { code: 'ECONNREFUSED' }, 'unavailable'],
    ['an unknown host is unavailable', { code: 'ENOTFOUND' }, 'unavailable'],
    ['too many connections is unavailable', { code: 'ER_CON_COUNT_ERROR', errno: 1040 }, 'unavailable'],
    ['a wrong password is access denied', { code: 'ER_ACCESS_DENIED_ERROR', errno: 1045 }, 'access-denied'],
    [
      'a table the account may not read is access denied',
      { code: 'ER_TABLEACCESS_DENIED_ERROR', errno: 1142 },
      'access-denied',
    ],
    ['a lock wait that ran out is a lock', { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }, 'lock'],
    [
      'a deadlock (a Galera certification conflict) is transient',
      { code: 'ER_LOCK_DEADLOCK', errno: 1213 },
      'transient-cluster',
    ],
    [
      'a Galera node outside the primary component is transient',
      { code: 'ER_UNKNOWN_COM_ERROR', errno: 1047, message: 'WSREP has not yet prepared node for application use' },
      'transient-cluster',
    ],
    [
      'a COMMIT that Galera could not replicate is transient',
      {
        code: 'ER_ERROR_DURING_COMMIT',
        errno: 1180,
        message:
          'Got error 6 "No such device or address" during COMMIT; Error while appending streaming replication fragment(provider status: Not connected to Primary Component)',
      },
      'transient-cluster',
    ],
    [
      'tables swapped under a snapshot is transient',
      { code: 'ER_TABLE_DEF_CHANGED', errno: 1412 },
      'transient-cluster',
    ],
    ['a Group Replication certification failure is transient', { errno: 3101 }, 'transient-cluster'],
    [
      'a TLS handshake refused is a setting, not a lost connection',
      { code: 'HANDSHAKE_NO_SSL_SUPPORT', fatal: true },
      'other',
    ],
    ['a syntax error is other', { code: 'ER_PARSE_ERROR', errno: 1064 }, 'other'],
    ['a full disk is other', { code: 'ER_RECORD_FILE_FULL', errno: 1114 }, 'other'],
  ];
  it.each(cases)('%s', (_name, fields, kind) => {
    expect(classifyDbError(driverError(fields))).toBe(kind);
  });

  it('calls a value that is not an error other', () => {
    expect(classifyDbError(undefined)).toBe('other');
    expect(classifyDbError('ECONNRESET')).toBe('other');
  });
});

describe('describeCause', () => {
  it("keeps the driver's code, number, SQL state and message, without the stack", () => {
    const err = Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), {
      code: 'ER_LOCK_DEADLOCK',
      errno: 1213,
      sqlState: '40001',
    });
    expect(describeCause(err)).toEqual({
      code: 'ER_LOCK_DEADLOCK',
      errno: 1213,
      sqlState: '40001',
      message: 'Deadlock found when trying to get lock; try restarting transaction',
    });
  });

  it('says nothing when there is no cause', () => {
    expect(describeCause(undefined)).toBeUndefined();
  });
});
