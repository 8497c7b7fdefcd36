import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { num } from 'envalid';
import { readEnv, toSharedConfig } from './env.ts';
import { isRollcallError, RollcallError } from './errors.ts';

const base = { MYSQL_HOST: 'db', MYSQL_USER: 'u', MYSQL_PASSWORD: 'p', MYSQL_DATABASE: 'd' };

function configError(env: NodeJS.ProcessEnv): RollcallError {
  try {
    readEnv(env, { EXTRA: num({ default: 1 }) });
  } catch (err) {
    if (isRollcallError(err, 'CONFIG_INVALID')) return err;
    throw err;
  }
  throw new Error('expected a configuration error');
}

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const config = toSharedConfig(readEnv(base, {}));
    expect(config.db).toMatchObject({ host: 'db', port: 3306, user: 'u', password: 'p', database: 'd', waitTimeoutS: 60 });
    expect(config.reportsDir).toBe('reports');
    expect(config.logLevel).toBe('info');
  });

  it('names every missing variable in one message', () => {
    const err = configError({});
    expect(err.message).toMatch(/MYSQL_HOST/);
    expect(err.message).toMatch(/MYSQL_USER/);
    expect(err.message).toMatch(/MYSQL_DATABASE/);
    expect(err.context.variables).toEqual(expect.arrayContaining(['MYSQL_HOST', 'MYSQL_USER', 'MYSQL_DATABASE']));
  });

  it('names a malformed port', () => {
    const err = configError({ ...base, MYSQL_PORT: 'seventy' });
    expect(err.context.variables).toEqual(['MYSQL_PORT']);
  });

  it('requires a password or a password file', () => {
    const { MYSQL_PASSWORD: _, ...noPassword } = base;
    expect(configError(noPassword).message).toMatch(/MYSQL_PASSWORD_FILE/);
  });

  it('reads the password from MYSQL_PASSWORD_FILE without its trailing newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollcall-env-'));
    writeFileSync(join(dir, 'pw'), 's3cret\n');
    const { MYSQL_PASSWORD: _, ...noPassword } = base;
    const config = toSharedConfig(readEnv({ ...noPassword, MYSQL_PASSWORD_FILE: join(dir, 'pw') }, {}));
    expect(config.db.password).toBe('s3cret');
  });

  it('names an unreadable password file without showing any secret', () => {
    const { MYSQL_PASSWORD: _, ...noPassword } = base;
    expect(() => toSharedConfig(readEnv({ ...noPassword, MYSQL_PASSWORD_FILE: '/nonexistent/pw' }, {}))).toThrow(/MYSQL_PASSWORD_FILE: cannot read \/nonexistent\/pw \(ENOENT\)/);
  });
});
