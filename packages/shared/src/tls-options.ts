import { readFileSync } from 'node:fs';
import type { DatabaseConfig } from './env.ts';
import { RollcallError } from './errors.ts';

export function sslOptions(config: DatabaseConfig): { ssl?: { ca?: string; rejectUnauthorized: boolean; verifyIdentity?: boolean } } {
  switch (config.sslMode) {
    case 'disabled':
    case 'preferred':
      // mysql2 has no opportunistic TLS: 'preferred' behaves as plain unless a CA is given.
      return config.sslCa ? { ssl: { ca: readCa(config.sslCa), rejectUnauthorized: false } } : {};
    case 'required':
      return { ssl: { ...(config.sslCa ? { ca: readCa(config.sslCa) } : {}), rejectUnauthorized: false } };
    case 'verify_ca':
    case 'verify_identity':
      if (!config.sslCa) {
        throw new RollcallError('CONFIG_INVALID', `Invalid configuration:\n  MYSQL_SSL_CA: required when MYSQL_SSL_MODE=${config.sslMode}`);
      }
      // rejectUnauthorized checks the chain only; mysql2 compares the certificate with the
      // host name only when asked (verifyIdentity). Given an IP address, mysql2 checks the
      // name 'localhost' instead, so verify_identity wants MYSQL_HOST as a host name.
      return { ssl: { ca: readCa(config.sslCa), rejectUnauthorized: true, verifyIdentity: config.sslMode === 'verify_identity' } };
  }
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new RollcallError('CONFIG_INVALID', `Invalid configuration:\n  MYSQL_SSL_CA: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
