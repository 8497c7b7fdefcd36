import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface MariaDbBinaries {
  mariadbd: string;
  installDb: string;
  /** `mariadbd --version`, part of the template cache key. */
  version: string;
}

// Debian and Homebrew put the server in sbin, which is not on every user's PATH.
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/opt/homebrew/bin', '/opt/homebrew/sbin'];

let found: MariaDbBinaries | null | undefined;

/** The MariaDB server binaries (10.5+ names), or undefined where they are not installed. */
export function findMariaDb(): MariaDbBinaries | undefined {
  if (found === undefined) {
    const mariadbd = which('mariadbd');
    const installDb = which('mariadb-install-db');
    found = mariadbd && installDb ? { mariadbd, installDb, version: versionOf(mariadbd) } : null;
  }
  return found ?? undefined;
}

function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function versionOf(mariadbd: string): string {
  try {
    return execFileSync(mariadbd, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return 'unknown';
  }
}
