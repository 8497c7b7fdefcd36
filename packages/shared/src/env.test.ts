import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { num } from 'envalid';
import { MAX_WAIT_S, readEnv, toSharedConfig } from './env.ts';
import { isRollcallError, type RollcallError } from './errors.ts';

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
    expect(config.db).toMatchObject({
      host: 'db',
      port: 3306,
      user: 'u',
      password: 'p',
      database: 'd',
      waitTimeoutS: 60,
    });
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
    expect(() => toSharedConfig(readEnv({ ...noPassword, MYSQL_PASSWORD_FILE: '/nonexistent/pw' }, {}))).toThrow(
      /MYSQL_PASSWORD_FILE: unreadable file: \/nonexistent\/pw \(ENOENT\)/,
    );
  });
});

describe('the configuration message', () => {
  const lineFor = (err: RollcallError, name: string) =>
    err.message.split('\n').find((line) => line.startsWith(`  ${name}:`));

  it('says that each variable is not set, the password among them, and how to set it', () => {
    const err = configError({});
    expect(lineFor(err, 'MYSQL_HOST')).toMatch(
      /^ {2}MYSQL_HOST: not set; set MYSQL_HOST .*e\.g\. MYSQL_HOST=127\.0\.0\.1/,
    );
    expect(lineFor(err, 'MYSQL_USER')).toMatch(/: not set; set MYSQL_USER/);
    expect(lineFor(err, 'MYSQL_DATABASE')).toMatch(/: not set; set MYSQL_DATABASE/);
    expect(lineFor(err, 'MYSQL_PASSWORD')).toMatch(/: not set; set MYSQL_PASSWORD .*MYSQL_PASSWORD_FILE/);
    expect(err.context.variables).toEqual(['MYSQL_HOST', 'MYSQL_USER', 'MYSQL_DATABASE', 'MYSQL_PASSWORD']);
  });

  it.each([
    ['MYSQL_USER'],
    ['MYSQL_HOST'],
    ['MYSQL_DATABASE'],
    ['REPORTS_DIR'],
    ['MYSQL_PASSWORD_FILE'],
    ['MYSQL_SSL_CA'],
  ])('refuses %s set but empty', (name) => {
    expect(lineFor(configError({ ...base, [name]: '' }), name)).toMatch(new RegExp(`^  ${name}: empty; set ${name}`));
  });

  it.each([
    ['DB_WAIT_TIMEOUT_S', '1e9', /out of range: 1e9 is not from 1 to 86400/],
    ['DB_WAIT_TIMEOUT_S', '-5', /out of range: -5 is not from 1 to 86400/],
    ['DB_WAIT_TIMEOUT_S', 'soon', /not a number: "soon"/],
    ['MYSQL_PORT', '70000', /out of range: 70000 is not from 1 to 65535/],
    ['MYSQL_PORT', '33.5', /not a whole number: "33.5"/],
    ['MYSQL_SSL_MODE', 'on', /"on" is not one of disabled, preferred/],
  ])('refuses %s=%s, saying what is wrong', (name, value, problem) => {
    const line = lineFor(configError({ ...base, [name]: value }), name);
    expect(line).toMatch(problem);
    expect(line).toMatch(new RegExp(`; set ${name} .*e\\.g\\. ${name}=`));
  });

  it('never lets a wait reach a timer longer than Node allows', () => {
    // setTimeout fires after 1 ms beyond 2^31-1 ms, with a TimeoutOverflowWarning.
    expect(MAX_WAIT_S * 1000).toBeLessThan(2 ** 31 - 1);
    expect(toSharedConfig(readEnv({ ...base, DB_WAIT_TIMEOUT_S: String(MAX_WAIT_S) }, {})).db.waitTimeoutS).toBe(
      MAX_WAIT_S,
    );
  });

  it('lists every problem at once: the password, an unreadable file and a bad number together', () => {
    const err = configError({
      MYSQL_HOST: 'db',
      MYSQL_USER: '',
      MYSQL_DATABASE: 'd',
      DB_WAIT_TIMEOUT_S: '-1',
      MYSQL_SSL_CA: '/nonexistent/ca.pem',
    });
    expect(err.context.variables).toEqual(['MYSQL_USER', 'DB_WAIT_TIMEOUT_S', 'MYSQL_PASSWORD', 'MYSQL_SSL_CA']);
    expect(lineFor(err, 'MYSQL_SSL_CA')).toMatch(/unreadable file: \/nonexistent\/ca\.pem \(ENOENT\)/);
    expect(err.message).toMatch(/^Invalid configuration \(4 problems/);
  });

  it('accepts an empty password: an account may have none', () => {
    expect(toSharedConfig(readEnv({ ...base, MYSQL_PASSWORD: '' }, {})).db.password).toBe('');
  });
});
