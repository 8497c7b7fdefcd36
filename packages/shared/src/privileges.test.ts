import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { grantStatement, privilegesOn, REQUIRED_PRIVILEGES } from './privileges.ts';

describe('privilegesOn', () => {
  it.each([
    ['a grant on the database', ['GRANT SELECT, INSERT ON `rollcall`.* TO `u`@`%`'], 'rollcall', ['SELECT', 'INSERT']],
    [
      'a global grant',
      ['GRANT USAGE ON *.* TO `u`@`%`', 'GRANT CREATE, DROP ON *.* TO `u`@`%`'],
      'rollcall',
      ['USAGE', 'CREATE', 'DROP'],
    ],
    [
      'ALL PRIVILEGES',
      ['GRANT ALL PRIVILEGES ON `rollcall`.* TO `u`@`%` WITH GRANT OPTION'],
      'rollcall',
      ['SELECT', 'CREATE', 'REFERENCES', 'EXECUTE'],
    ],
    [
      'a wildcard pattern that matches',
      ['GRANT SELECT ON `roll%`.* TO `u`@`%`', 'GRANT DROP ON `rollcal_`.* TO `u`@`%`'],
      'rollcall',
      ['SELECT', 'DROP'],
    ],
    ['an escaped _ that matches only itself', ['GRANT SELECT ON `roll\\_call`.* TO `u`@`%`'], 'roll_call', ['SELECT']],
    [
      'a partial revoke (MySQL)',
      ['GRANT SELECT, INSERT ON *.* TO `u`@`%`', 'REVOKE INSERT ON `rollcall`.* FROM `u`@`%`'],
      'rollcall',
      ['SELECT'],
    ],
    [
      "a role granted (the role's own grants are other lines)",
      ['GRANT `loader_role` TO `u`@`%`', 'GRANT CREATE ON `rollcall`.* TO `loader_role`'],
      'rollcall',
      ['CREATE'],
    ],
  ])('counts %s', (_name, lines, database, expected) => {
    expect([...privilegesOn(lines, database)]).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    ['another database', ['GRANT SELECT ON `other`.* TO `u`@`%`'], 'rollcall'],
    ['an escaped _ that another character does not match', ['GRANT SELECT ON `roll\\_call`.* TO `u`@`%`'], 'rollXcall'],
    ['a table grant (the loader creates tables)', ['GRANT SELECT ON `rollcall`.`people` TO `u`@`%`'], 'rollcall'],
    ['a column grant', ['GRANT SELECT (`id`, `city`) ON `rollcall`.`places` TO `u`@`%`'], 'rollcall'],
  ])('does not count %s', (_name, lines, database) => {
    expect(privilegesOn(lines, database).has('SELECT')).toBe(false);
  });
});

describe('grantStatement', () => {
  it('escapes the wildcards of the database name, as a GRANT reads them', () => {
    expect(grantStatement(['CREATE', 'DROP'], 'roll_call%', "'u'@'%'")).toBe(
      "GRANT CREATE, DROP ON `roll\\_call\\%`.* TO 'u'@'%';",
    );
  });
});

describe('the stack init script (sql/init/initdb.d/accounts.sh)', () => {
  const script = readFileSync(
    fileURLToPath(new URL('../../../sql/init/initdb.d/accounts.sh', import.meta.url)),
    'utf8',
  );
  const granted = (who: string) => {
    const match = new RegExp(
      `GRANT (.+) ON \\$\\{grant_db\\}\\.\\* TO \\$\\(rollcall_sql_string "\\$${who}_user"\\)`,
    ).exec(script);
    return new Set(match![1]!.split(',').map((p) => p.trim()));
  };

  it('grants the loader account what the loader and sql/loader.sql need, and no more', () => {
    expect(granted('loader')).toEqual(new Set([...REQUIRED_PRIVILEGES.loader, ...REQUIRED_PRIVILEGES.sqlLoader]));
  });

  it('grants the reader account what the reader needs, and no more', () => {
    expect(granted('reader')).toEqual(new Set(REQUIRED_PRIVILEGES.reader));
  });
});

describe('the docs', () => {
  const doc = (name: string) =>
    readFileSync(fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url)), 'utf8').replace(/\s+/g, ' ');

  it('list the privileges each job checks for, as REQUIRED_PRIVILEGES has them', () => {
    expect(doc('failure-behaviour.md')).toContain(
      `loader \`${REQUIRED_PRIVILEGES.loader.join(', ')}\`; reader \`${REQUIRED_PRIVILEGES.reader.join(', ')}\``,
    );
    expect(doc('loading.md')).toContain(`\`${REQUIRED_PRIVILEGES.loader.join(', ')}\``);
  });
});
