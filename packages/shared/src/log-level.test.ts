import { describe, expect, it } from 'vitest';
import { readEnv, readLogLevel } from './env.ts';
import { isRollcallError } from './errors.ts';

const base = { MYSQL_HOST: 'db', MYSQL_USER: 'u', MYSQL_PASSWORD: 'p', MYSQL_DATABASE: 'd' };

describe('LOG_LEVEL, read by the runner before the rest of the configuration', () => {
  it.each([
    [{}, 'info'],
    [{ LOG_LEVEL: 'debug' }, 'debug'],
    [{ LOG_LEVEL: 'silent' }, 'silent'],
    [{ LOG_LEVEL: 'loud' }, 'info'],
    [{ LOG_LEVEL: 'DEBUG' }, 'info'],
  ])('reads %j as %s', (env, level) => {
    expect(readLogLevel(env)).toBe(level);
  });

  it('is reported with the rest when invalid', () => {
    let failure: unknown;
    try {
      readEnv({ ...base, LOG_LEVEL: 'loud' }, {});
    } catch (err) {
      failure = err;
    }
    expect(isRollcallError(failure, 'CONFIG_INVALID')).toBe(true);
    expect((failure as { context: { variables: string[] } }).context.variables).toContain('LOG_LEVEL');
  });
});
