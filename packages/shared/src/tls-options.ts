import { readFileSync } from 'node:fs';
import { createConnection, type ConnectionOptions } from 'mysql2/promise';
import type { DatabaseConfig } from './env.ts';
import { RollcallError } from './errors.ts';

export function sslOptions(config: DatabaseConfig): {
  ssl?: { ca?: string; rejectUnauthorized: boolean; verifyIdentity?: boolean };
} {
  switch (config.sslMode) {
    case 'disabled':
      return {};
    case 'preferred':
      // Without a CA, 'preferred' is negotiated per server (preferredTls); with one, TLS is used.
      return config.sslCa ? { ssl: { ca: readCa(config.sslCa), rejectUnauthorized: false } } : {};
    case 'required':
      return { ssl: { ...(config.sslCa ? { ca: readCa(config.sslCa) } : {}), rejectUnauthorized: false } };
    case 'verify_ca':
    case 'verify_identity':
      if (!config.sslCa) {
        throw new RollcallError(
          'CONFIG_INVALID',
          `Invalid configuration:\n  MYSQL_SSL_CA: required when MYSQL_SSL_MODE=${config.sslMode}`,
        );
      }
      // rejectUnauthorized checks the chain only; mysql2 compares the certificate with the
      // host name only when asked (verifyIdentity). Given an IP address, mysql2 checks the
      // name 'localhost' instead, so verify_identity wants MYSQL_HOST as a host name.
      return {
        ssl: {
          ca: readCa(config.sslCa),
          rejectUnauthorized: true,
          verifyIdentity: config.sslMode === 'verify_identity',
        },
      };
  }
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new RollcallError(
      'CONFIG_INVALID',
      `Invalid configuration:\n  MYSQL_SSL_CA: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/**
 * MYSQL_SSL_MODE=preferred as MySQL's own clients do it (mysql --ssl-mode=PREFERRED): TLS
 * without verifying the certificate when the server offers it, plain text when it does not.
 * mysql2 has no such mode: given `ssl` it refuses a server without TLS, and without it never
 * encrypts, which services that require TLS (Azure's default, PlanetScale) refuse. So one
 * probe connection decides, once per pool; knex calls this before its first connection.
 */
export function preferredTls<T extends ConnectionOptions>(settings: T): () => Promise<T> {
  let decided: Promise<T> | undefined;
  return () => {
    decided ??= probeTls(settings).catch((err: unknown) => {
      // Not reachable yet: the next connection attempt probes again.
      decided = undefined;
      throw err;
    });
    // knex deletes keys of what it is given: each connection gets a copy.
    return decided.then((chosen) => ({ ...chosen }));
  };
}

async function probeTls<T extends ConnectionOptions>(settings: T): Promise<T> {
  const withTls = { ...settings, ssl: { rejectUnauthorized: false } };
  try {
    const probe = await createConnection(withTls);
    await probe.end();
    return withTls;
  } catch (err) {
    if ((err as { code?: string }).code === 'HANDSHAKE_NO_SSL_SUPPORT') return settings;
    throw err;
  }
}
