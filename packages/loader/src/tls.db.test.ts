import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, EXIT_CODES, type DatabaseConfig } from '@rollcall/shared';
import {
  startThrowawayServer,
  throwawayServerAvailable,
  type ThrowawayServer,
  LOADER_MAIN,
  makeCa,
  makeServerCert,
  opensslAvailable,
  runJob,
} from '@rollcall/testkit';
import { PEOPLE_CSV, PLACES_CSV } from './testing/datasets.ts';
import { datasetsRemovedAfterAll } from './testing/temp-datasets.ts';

const tempDataset = datasetsRemovedAfterAll();

// MYSQL_SSL_MODE / MYSQL_SSL_CA, for managed MySQL services that require TLS. The servers
// are throwaway MariaDBs: one plain, one serving a certificate from a CA made here.
describe.skipIf((!throwawayServerAvailable() || !opensslAvailable()) && !process.env.CI)('TLS to the database', () => {
  let dir: string;
  let plain: ThrowawayServer;
  let tls: ThrowawayServer;
  let tlsLocalhost: ThrowawayServer;
  let ca: string;
  let otherCa: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rollcall-tls-'));
    const rightCa = makeCa(dir, 'ca');
    otherCa = makeCa(dir, 'other-ca').cert;
    ca = rightCa.cert;
    // The certificate names a host, not the address the tests connect to: verify_ca
    // must accept it, verify_identity must not.
    const server = makeServerCert(dir, rightCa, 'db.rollcall.test', 'DNS:db.rollcall.test');
    const localhost = makeServerCert(dir, rightCa, 'localhost', 'DNS:localhost');
    const serving = (cert: { cert: string; key: string }) => ({
      serverArgs: [`--ssl-ca=${ca}`, `--ssl-cert=${cert.cert}`, `--ssl-key=${cert.key}`],
    });
    [plain, tls, tlsLocalhost] = await Promise.all([
      startThrowawayServer(),
      startThrowawayServer(serving(server)),
      startThrowawayServer(serving(localhost)),
    ]);
  });
  afterAll(async () => {
    await Promise.all([plain?.dispose(), tls?.dispose(), tlsLocalhost?.dispose()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const load = (server: ThrowawayServer, env: Record<string, string>) => {
    const data = tempDataset(PLACES_CSV, PEOPLE_CSV);
    return runJob(LOADER_MAIN, {
      ...server.env,
      DATA_DIR: data.dir,
      REPORTS_DIR: data.reports,
      DB_WAIT_TIMEOUT_S: '30',
      ...env,
    });
  };

  /** The TLS version of a session opened with `config`, '' when the session is plain. */
  async function sessionTls(config: DatabaseConfig): Promise<string> {
    const db = createDb(config, { poolMax: 1 });
    try {
      const [[row]] = await db.raw("SHOW SESSION STATUS LIKE 'Ssl_version'");
      return row.Value;
    } finally {
      await db.destroy();
    }
  }

  it('fails at once with a clear message when TLS is required and the server has none, instead of waiting', async () => {
    const started = Date.now();
    const result = await load(plain, { MYSQL_SSL_MODE: 'required' });
    expect(result.code).toBe(EXIT_CODES.DB_UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.lines.at(-1)).toMatchObject({ code: 'DB_UNAVAILABLE', host: plain.host, port: plain.port });
    expect(result.lines.at(-1)!.msg).toMatch(
      new RegExp(`^Cannot use database 127\\.0\\.0\\.1:${plain.port}: .*(secure connection|SSL|TLS)`, 'i'),
    );
  });

  it('loads over TLS with MYSQL_SSL_MODE=required, and the session is encrypted', async () => {
    const result = await load(tls, { MYSQL_SSL_MODE: 'required' });
    expect(result.code).toBe(EXIT_CODES.OK);
    expect(await sessionTls({ ...tls.config, sslMode: 'required' })).toMatch(/^TLSv1\.[23]$/);
  });

  it('with MYSQL_SSL_MODE=preferred and no CA, encrypts when the server offers TLS and falls back to plain text when not', async () => {
    // As MySQL's own clients do: TLS without verification first, plain only when the server has none.
    expect(await sessionTls({ ...tls.config, sslMode: 'preferred' })).toMatch(/^TLSv1\.[23]$/);
    expect(await sessionTls({ ...plain.config, sslMode: 'preferred' })).toBe('');
    const result = await load(tls, { MYSQL_SSL_MODE: 'preferred' });
    expect(result.code).toBe(EXIT_CODES.OK);
  });

  it('loads with verify_ca and the CA that signed the server certificate, whatever name the certificate carries', async () => {
    const result = await load(tls, { MYSQL_SSL_MODE: 'verify_ca', MYSQL_SSL_CA: ca });
    expect(result.code).toBe(EXIT_CODES.OK);
    expect(await sessionTls({ ...tls.config, sslMode: 'verify_ca', sslCa: ca })).toMatch(/^TLSv1\.[23]$/);
  });

  it('refuses a server whose certificate another CA signed, with a clear message and at once', async () => {
    const started = Date.now();
    const result = await load(tls, { MYSQL_SSL_MODE: 'verify_ca', MYSQL_SSL_CA: otherCa });
    expect(result.code).toBe(EXIT_CODES.DB_UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.lines.at(-1)!.msg).toMatch(
      new RegExp(`^Cannot use database 127\\.0\\.0\\.1:${tls.port}: .*certificate`, 'i'),
    );
  });

  it('loads with verify_identity when the certificate names the host connected to', async () => {
    const result = await load(tlsLocalhost, {
      MYSQL_HOST: 'localhost',
      MYSQL_SSL_MODE: 'verify_identity',
      MYSQL_SSL_CA: ca,
    });
    expect(result.code).toBe(EXIT_CODES.OK);
  });

  it('refuses with verify_identity a certificate issued for another host name', async () => {
    const result = await load(tls, { MYSQL_HOST: 'localhost', MYSQL_SSL_MODE: 'verify_identity', MYSQL_SSL_CA: ca });
    expect(result.code).toBe(EXIT_CODES.DB_UNAVAILABLE);
    expect(result.lines.at(-1)!.msg).toMatch(/^Cannot use database localhost:\d+: .*localhost.*db\.rollcall\.test/);
  });

  it('exits 2 naming MYSQL_SSL_CA when verify_ca has no CA or an unreadable one', async () => {
    const none = await load(tls, { MYSQL_SSL_MODE: 'verify_ca' });
    expect(none.code).toBe(EXIT_CODES.CONFIG_INVALID);
    expect(none.lines.at(-1)!.msg).toMatch(/MYSQL_SSL_CA: not set, and MYSQL_SSL_MODE=verify_ca needs it/);
    const missing = await load(tls, { MYSQL_SSL_MODE: 'verify_ca', MYSQL_SSL_CA: join(dir, 'no-such-ca.pem') });
    expect(missing.code).toBe(EXIT_CODES.CONFIG_INVALID);
    expect(missing.lines.at(-1)!.msg).toMatch(/MYSQL_SSL_CA: unreadable file: .*no-such-ca\.pem \(ENOENT\)/);
  });
});
