import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MariaDbBinaries } from './mariadb-binaries.ts';

const run = promisify(execFile);

/**
 * InnoDB settings given to both mariadb-install-db and every start, so that the files of
 * the template match the server that opens them: a small redo log keeps the copy cheap.
 */
export const STORAGE_ARGS = ['--innodb-log-file-size=16M', '--innodb-buffer-pool-size=64M'];

/** As root, mariadbd refuses to start unless told to run as root. */
export const USER_ARGS = process.getuid?.() === 0 ? ['--user=root'] : [];

// install-db's 'normal' method also creates password-less root@127.0.0.1, ::1 and
// root@<hostname>; only root through the socket stays, so TCP needs the test account.
const TEMPLATE_SQL = [
  "DELETE FROM mysql.global_priv WHERE NOT (Host = 'localhost' AND User IN ('root', 'mariadb.sys'));",
  "DELETE FROM mysql.proxies_priv WHERE Host <> 'localhost';",
  '',
].join('\n');

const templates = new Map<string, Promise<string>>();

/**
 * An initialised data directory to copy from: mariadb-install-db runs once per binary
 * version and settings (≈ 0.7 s), a copy then takes ≈ 0.05 s. It lives in os.tmpdir()
 * under a name keyed by version and settings, and is built beside and renamed into place,
 * so parallel test workers never see half a template.
 */
export function templateDataDir(bin: MariaDbBinaries): Promise<string> {
  const key = createHash('sha256')
    .update([bin.mariadbd, bin.version, ...STORAGE_ARGS, TEMPLATE_SQL, String(process.getuid?.())].join('\0'))
    .digest('hex')
    .slice(0, 12);
  let template = templates.get(key);
  if (!template) {
    template = buildTemplate(bin, join(tmpdir(), `rollcall-mariadb-template-${key}`));
    templates.set(key, template);
    template.catch(() => templates.delete(key));
  }
  return template;
}

async function buildTemplate(bin: MariaDbBinaries, target: string): Promise<string> {
  if (existsSync(join(target, 'mysql'))) return target;
  const staging = await mkdtemp(join(tmpdir(), 'rollcall-mariadb-build-'));
  try {
    await writeFile(join(staging, 'template.sql'), TEMPLATE_SQL);
    const args = [
      '--no-defaults',
      '--auth-root-authentication-method=normal',
      `--datadir=${join(staging, 'data')}`,
      '--skip-test-db',
      '--skip-name-resolve',
      `--extra-file=${join(staging, 'template.sql')}`,
      ...USER_ARGS,
      ...STORAGE_ARGS,
    ];
    try {
      await run(bin.installDb, args, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
    } catch (err) {
      const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
      throw new Error(`mariadb-install-db failed: ${(err as Error).message}\n${stdout}${stderr}`.trimEnd(), {
        cause: err,
      });
    }
    try {
      await rename(join(staging, 'data'), target);
    } catch (err) {
      // Another worker finished first: its template is as good as ours.
      if (!existsSync(join(target, 'mysql'))) throw err;
    }
    return target;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
