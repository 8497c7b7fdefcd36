import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resolves once the error log, past `offset`, says the server accepts connections. */
export function waitReady(child: ChildProcess, logFile: string, offset: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const fail = (why: string) => {
      clearInterval(timer);
      const tail = readLog(logFile).slice(offset).split('\n').slice(-15).join('\n');
      reject(new Error(`Throwaway MariaDB server ${why}; its log:\n${tail}`));
    };
    child.once('error', (err) => fail(`could not be started (${err.message})`));
    // MySQL and MariaDB have printed this line when they accept connections for decades.
    const timer = setInterval(() => {
      if (readLog(logFile).slice(offset).includes('ready for connections')) {
        clearInterval(timer);
        resolve();
      } else if (!isAlive(child)) {
        fail(`exited during start-up (${child.signalCode ?? `code ${child.exitCode}`})`);
      } else if (Date.now() > deadline) {
        child.kill('SIGKILL');
        fail(`was not ready within ${timeoutMs} ms`);
      }
    }, 20);
  });
}

export function isAlive(child: ChildProcess | undefined): boolean {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

/** Sends `signal`, waits for the exit and escalates to SIGKILL after `graceMs`. */
export function killAndWait(child: ChildProcess, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (!isAlive(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const escalate = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(escalate);
      resolve();
    });
    child.kill(signal);
  });
}

export function readLog(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8');
  } catch {
    return '';
  }
}

// Reads the server's pid, one line per (re)start, until its stdin closes: that happens when
// the test process ends in any way, including a worker killed without running afterAll or
// 'exit' handlers (vitest's forks). Then it kills the last pid and removes the folder.
const WATCHDOG =
  'pid=; while read -r line; do pid=$line; done; [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$1"';

export interface Watchdog {
  /** Tells the watchdog the pid of the server just started. */
  watch(pid: number): void;
  /** Ends the watchdog without it doing anything: the caller cleans up itself. */
  cancel(): void;
}

/** A `sh` process that kills the server and removes `dir` once this process is gone. */
export function startWatchdog(dir: string): Watchdog {
  // A process group of its own: a Ctrl-C in the terminal must not end the watchdog before
  // the process it watches.
  const watchdog = spawn('sh', ['-c', WATCHDOG, 'rollcall-mariadb-watchdog', dir], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  watchdog.on('error', () => {});
  watchdog.stdin?.on('error', () => {});
  // Neither the process nor its pipe may keep the test process alive.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    watch(pid) {
      watchdog.stdin?.write(`${pid}\n`);
    },
    cancel() {
      watchdog.kill('SIGKILL');
    },
  };
}
