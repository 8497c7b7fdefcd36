import { connect, createServer, type Socket } from 'node:net';
import { freePort } from '@rollcall/throwaway-db';

export interface TcpProxyOptions {
  targetHost: string;
  targetPort: number;
  /** Refuse connections (nothing listens) for this long first: a database that appears late. */
  listenAfterMs?: number;
  /** Where the proxy listens (default 127.0.0.1, a free port). */
  host?: string;
  port?: number;
}

export interface TcpProxy {
  host: string;
  port: number;
  /** Resolves once the proxy accepts connections (after listenAfterMs). */
  listening: Promise<void>;
  /** Client connections accepted so far. */
  readonly accepted: number;
  /** Client connections piped right now. */
  readonly open: number;
  /**
   * Destroys every piped connection, both sides: a database lost mid-run. New connections
   * are still accepted. With `reset`, clients get a TCP RST (ECONNRESET) instead of a close.
   */
  cutAll(options?: { reset?: boolean }): void;
  /**
   * Stops passing on what clients send over the connections open now (the server never
   * sees it, the client's socket fills up: a server that does not keep up); resume() goes on.
   */
  stall(): void;
  resume(): void;
  /** Stops listening (or cancels the pending listen) and cuts every connection. */
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a real server, for tests of waiting and of lost connections.
 * The port is chosen at once, so a client can be pointed at it before it listens.
 */
export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const pairs = new Set<[Socket, Socket]>();
  const stalled = new Set<[Socket, Socket]>();
  let accepted = 0;

  const server = createServer((client) => {
    accepted++;
    const upstream = connect({ host: options.targetHost, port: options.targetPort });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    // Either side failing ends both, as a real network path would.
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let cancel: (err: Error) => void = () => {};
  const listening = new Promise<void>((resolve, reject) => {
    cancel = reject;
    timer = setTimeout(() => {
      timer = undefined;
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    }, options.listenAfterMs ?? 0);
  });
  // A failed listen is reported to whoever awaits `listening`, not as an unhandled rejection.
  listening.catch(() => {});

  const cutAll = (cut: { reset?: boolean } = {}) => {
    for (const [client, upstream] of [...pairs]) {
      if (cut.reset) client.resetAndDestroy();
      else client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };

  return {
    host,
    port,
    listening,
    get accepted() {
      return accepted;
    },
    get open() {
      return pairs.size;
    },
    cutAll,
    stall() {
      for (const pair of pairs) {
        const [client, upstream] = pair;
        if (stalled.has(pair)) continue;
        stalled.add(pair);
        client.unpipe(upstream);
        client.pause();
      }
    },
    resume() {
      // Piped once only: a second pipe() would send everything twice.
      for (const pair of stalled) {
        const [client, upstream] = pair;
        if (pairs.has(pair)) client.pipe(upstream);
      }
      stalled.clear();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer) {
        clearTimeout(timer);
        cancel(new Error('TCP proxy closed before it listened'));
      }
      cutAll();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
