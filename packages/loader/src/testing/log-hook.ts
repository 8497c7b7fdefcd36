import { createLogger, type Logger } from '@rollcall/shared';

/**
 * A logger that runs `action` the moment the job logs a line with message `msg`, before
 * the job goes on (pino writes synchronously): a way to act at an exact point of a run.
 */
export function logWithHook(msg: string, action: () => void): { log: Logger; fired: () => boolean } {
  let fired = false;
  const destination = {
    write(line: string) {
      if (!fired && (JSON.parse(line) as { msg?: string }).msg === msg) {
        fired = true;
        action();
      }
    },
  };
  return { log: createLogger({ level: 'info', job: 'loader', destination }), fired: () => fired };
}
