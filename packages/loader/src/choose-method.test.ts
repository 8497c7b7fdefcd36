import { describe, expect, it } from 'vitest';
import { isLocalInfileRefusal } from './choose-method.ts';

describe('isLocalInfileRefusal', () => {
  it.each([
    [1148, 'MariaDB, and MySQL up to 8.0.18 (ER_NOT_ALLOWED_COMMAND)'],
    [3948, 'MySQL 8.0.19 and later, 8.4 included (ER_CLIENT_LOCAL_FILES_DISABLED)'],
    [4166, 'MariaDB 10.5+ (ER_LOAD_INFILE_CAPABILITY_DISABLED)'],
  ])('takes %i as the server refusing LOCAL INFILE: %s', (errno) => {
    expect(isLocalInfileRefusal(errno)).toBe(true);
  });

  it.each<[number | undefined, string]>([
    [3950, "MySQL's ER_DA_OOM: out of memory must fail the load, not switch to INSERT"],
    [2068, 'a libmysqlclient code that mysql2 never raises'],
    [1064, 'a syntax error'],
    [undefined, 'an error without a number (a lost connection)'],
  ])('does not take %s as a refusal: %s', (errno) => {
    expect(isLocalInfileRefusal(errno)).toBe(false);
  });
});
