import { readFileSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import type { Knex } from '@rollcall/shared';

/**
 * The database server's own CPU time, read from /proc when the server runs on this
 * machine; otherwise the reason it cannot be read, which the report prints instead of a
 * guess. It counts every client of the server, not only the benchmark's.
 */
export type ServerCpu =
  | {
      available: true;
      pid: number;
      /** How the process was told from others: exactly, or by its age where its descriptors are private. */
      foundBy: 'listening socket' | 'start time';
      /** user + system CPU seconds of the server process so far */
      read(): number;
    }
  | { available: false; reason: string };

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;
const SERVER_NAMES = new Set(['mariadbd', 'mysqld']);
/** How far the server's own uptime and its process's age may differ and still be the same server. */
const SAME_START_SECONDS = 5;

/**
 * Finds the server's process and checks it is the one the connection reaches. The exact
 * test: the process holds the socket that listens on the server's port (/proc/net/tcp and
 * the process's file descriptors, which root or the server's own user may read). Where
 * the descriptors cannot be read, a process named mariadbd or mysqld whose age matches
 * the server's own Uptime is taken instead; a clock stepped since the server started (a
 * machine restored from a snapshot) breaks that match, hence it is only the fallback.
 * The `pid_file` names the process when this user may read that file; otherwise every
 * process is looked at (/proc/<pid>/stat is readable by all).
 */
export async function findServerCpu(db: Knex, host: string): Promise<ServerCpu> {
  if (!isThisMachine(host)) return { available: false, reason: `the server at ${host} is not on this machine` };
  const [[settings], [status]] = (await Promise.all([
    db.raw('SELECT @@pid_file AS pidFile, @@port AS port'),
    // SHOW STATUS, not information_schema.GLOBAL_STATUS: MySQL 8 has only the former.
    db.raw("SHOW GLOBAL STATUS LIKE 'Uptime'"),
  ])) as [[Array<{ pidFile: string | null; port: number }>], [Array<{ Value: string }>]];
  const uptime = Number(status[0]?.Value);
  const named = Number((await readFile(settings[0]?.pidFile ?? '', 'utf8').catch(() => '')).trim());
  const candidates = Number.isInteger(named) && named > 0 ? [named] : await processIds();
  const machineUptime = await readFile('/proc/uptime', 'utf8').catch(() => undefined);
  if (machineUptime === undefined)
    return { available: false, reason: 'this machine has no /proc to read CPU times from' };
  const listening = await listeningSocketInodes(Number(settings[0]?.port));
  const servers = candidates.flatMap((pid) => {
    const stat = readStat(pid);
    return stat !== undefined && SERVER_NAMES.has(commandName(stat)) ? [{ pid, stat }] : [];
  });
  const owners = await Promise.all(servers.map(({ pid }) => holdsSocket(pid, listening)));
  const byPort = servers.filter((_, i) => owners[i] === true);
  const byAge = servers.filter(
    ({ stat }, i) =>
      owners[i] === undefined && Math.abs(processAgeSeconds(stat, machineUptime) - uptime) <= SAME_START_SECONDS,
  );
  const matches = byPort.length > 0 ? byPort : byAge;
  if (matches.length !== 1) {
    return {
      available: false,
      reason:
        matches.length === 0
          ? "no mariadbd or mysqld process on this machine listens on the server's port or started when it did"
          : 'several server processes started when the server did',
    };
  }
  const pid = matches[0]!.pid;
  const foundBy = byPort.length > 0 ? 'listening socket' : 'start time';
  return { available: true, pid, foundBy, read: () => cpuSecondsOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8')) };
}

/** The inodes of the sockets that listen on this TCP port, over IPv4 and IPv6. */
async function listeningSocketInodes(port: number): Promise<Set<string>> {
  const tables = await Promise.all(
    ['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readFile(file, 'utf8').catch(() => '')),
  );
  return new Set(tables.flatMap((table) => listeningInodesOfTable(table, port)));
}

const TCP_LISTEN = '0A';

/** Rows of a /proc/net/tcp table (proc(5)) whose local port is `port` and state LISTEN. */
export function listeningInodesOfTable(table: string, port: number): string[] {
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length > 9 && Number.parseInt(f[1]!.split(':')[1] ?? '', 16) === port && f[3] === TCP_LISTEN)
    .map((f) => f[9]!);
}

/** Whether the process holds one of these sockets; undefined when its descriptors cannot be read. */
async function holdsSocket(pid: number, inodes: Set<string>): Promise<boolean | undefined> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => undefined);
  if (fds === undefined) return undefined;
  const links = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
  return links.some((link) => inodes.has(/^socket:\[(\d+)\]$/.exec(link)?.[1] ?? ''));
}

async function processIds(): Promise<number[]> {
  const entries = await readdir('/proc').catch(() => []);
  return entries.filter((name) => /^\d+$/.test(name)).map(Number);
}

function readStat(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
}

function isThisMachine(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host.startsWith('127.')) return true;
  return Object.values(networkInterfaces()).some((addresses) => addresses?.some((address) => address.address === host));
}

/** The fields of a /proc/<pid>/stat line after the command name (which may hold spaces and parentheses). */
function fieldsAfterName(stat: string): string[] {
  return stat
    .slice(stat.lastIndexOf(')') + 2)
    .trim()
    .split(' ');
}

function commandName(stat: string): string {
  return stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
}

/** utime + stime (fields 14 and 15 of proc(5)), in seconds. */
export function cpuSecondsOfStat(stat: string): number {
  const fields = fieldsAfterName(stat);
  // Field 3 (state) is the first after the name, so field n is at n - 3.
  return (Number(fields[14 - 3]) + Number(fields[15 - 3])) / TICKS_PER_SECOND;
}

/** Seconds since the process started: /proc/uptime minus its starttime (field 22, in ticks after boot). */
export function processAgeSeconds(stat: string, procUptime: string): number {
  const startedAfterBoot = Number(fieldsAfterName(stat)[22 - 3]) / TICKS_PER_SECOND;
  return Number(procUptime.split(' ')[0]) - startedAfterBoot;
}
