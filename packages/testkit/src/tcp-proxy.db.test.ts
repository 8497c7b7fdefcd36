import { connect } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createDb, type DatabaseConfig } from '@rollcall/shared';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

const server = inject('testServer');

function configVia(proxy: TcpProxy): DatabaseConfig {
  return { ...server, host: proxy.host, port: proxy.port, database: '', sslMode: 'disabled', waitTimeoutS: 5 };
}

/** Resolves with the error code of a plain TCP connect, or 'connected'. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

describe('TCP proxy', () => {
  let proxy: TcpProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
  });

  it('pipes a MySQL session to the real server', async () => {
    proxy = await startTcpProxy({ targetHost: server.host, targetPort: server.port });
    await proxy.listening;
    const db = createDb(configVia(proxy), { poolMax: 1 });
    try {
      const [[row]] = await db.raw("SELECT CONCAT('through', ' ', 'the proxy') AS said");
      expect(row.said).toBe('through the proxy');
      expect(proxy.accepted).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it('refuses connections until listenAfterMs has passed', async () => {
    const started = Date.now();
    proxy = await startTcpProxy({ targetHost: server.host, targetPort: server.port, listenAfterMs: 300 });
    expect(await tryConnect(proxy.host, proxy.port)).toBe('ECONNREFUSED');
    await proxy.listening;
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await tryConnect(proxy.host, proxy.port)).toBe('connected');
  });

  it('cutAll breaks a connection in the middle of a query', async () => {
    proxy = await startTcpProxy({ targetHost: server.host, targetPort: server.port });
    await proxy.listening;
    const db = createDb(configVia(proxy), { poolMax: 1 });
    try {
      await db.raw('SELECT 1');
      const started = Date.now();
      const slow = db.raw('SELECT SLEEP(5)');
      setTimeout(() => proxy?.cutAll(), 200);
      await expect(slow).rejects.toMatchObject({ code: 'PROTOCOL_CONNECTION_LOST' });
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(proxy.open).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('stall holds back what a client sends until resume, which passes it on once', async () => {
    proxy = await startTcpProxy({ targetHost: server.host, targetPort: server.port });
    await proxy.listening;
    const db = createDb(configVia(proxy), { poolMax: 1 });
    try {
      await db.raw('SELECT 1');
      proxy.stall();
      let answered = false;
      const query = db.raw('SELECT 41 + 1 AS n').then(([[row]]) => {
        answered = true;
        return row.n;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);
      proxy.resume();
      proxy.resume();
      expect(await query).toBe(42);
      const [[again]] = await db.raw('SELECT 2 AS n');
      expect(again.n).toBe(2);
    } finally {
      await db.destroy();
    }
  });

  it('cutAll with reset gives the client ECONNRESET', async () => {
    proxy = await startTcpProxy({ targetHost: server.host, targetPort: server.port });
    await proxy.listening;
    const db = createDb(configVia(proxy), { poolMax: 1 });
    try {
      await db.raw('SELECT 1');
      const slow = db.raw('SELECT SLEEP(5)');
      setTimeout(() => proxy?.cutAll({ reset: true }), 200);
      await expect(slow).rejects.toMatchObject({ code: 'ECONNRESET' });
    } finally {
      await db.destroy();
    }
  });

  it('stops listening on close, and close before listening cancels the listen', async () => {
    proxy = await startTcpProxy({ targetHost: server.host, targetPort: server.port });
    await proxy.listening;
    await proxy.close();
    expect(await tryConnect(proxy.host, proxy.port)).toBe('ECONNREFUSED');

    const late = await startTcpProxy({ targetHost: server.host, targetPort: server.port, listenAfterMs: 10_000 });
    await late.close();
    await expect(late.listening).rejects.toThrow('closed before it listened');
  });
});
