import { describeCause } from './db-errors.ts';
import { readLogLevel } from './env.ts';
import { exitCodeFor, RollcallError } from './errors.ts';
import { createLogger, type Logger } from './log.ts';

export interface JobContext {
  log: Logger;
  /** Aborted on SIGINT/SIGTERM with an INTERRUPTED RollcallError as its reason. */
  signal: AbortSignal;
}

/**
 * How long a job may take to stop after SIGTERM/SIGINT. A job checks its signal between
 * batches; a database that hangs mid-statement would keep it waiting for ever. Past this it
 * exits anyway: nothing is committed before the swap, and the server rolls back an open
 * transaction when its connection closes. Under Docker's default 10 s stop timeout, so the
 * job still exits with its own code rather than being killed.
 */
export const STOP_GRACE_MS = 8_000;

/**
 * The single runner behind each job's main.ts: wires signals to an AbortSignal, logs a
 * failure once with its code and context, and turns it into the documented exit code.
 */
export async function runJob(job: string, main: (ctx: JobContext) => Promise<void>): Promise<never> {
  const log = createLogger({ level: readLogLevel(process.env), job });
  const controller = new AbortController();

  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(exitCodeFor(controller.signal.reason));
    }
    log.warn({ signal, graceMs: STOP_GRACE_MS }, 'signal received: stopping and rolling back');
    controller.abort(new RollcallError('INTERRUPTED', `Interrupted by ${signal}`, { signal }));
    setTimeout(() => {
      log.error(
        { signal, graceMs: STOP_GRACE_MS },
        'did not stop within the grace period (is the database hanging?): exiting now',
      );
      process.exit(exitCodeFor(controller.signal.reason));
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let code = 0;
  try {
    await main({ log, signal: controller.signal });
  } catch (err) {
    code = exitCodeFor(err);
    if (err instanceof RollcallError) {
      // The error's own code last: a context key named code (a driver's) must not hide it.
      // The cause (the driver's own error) is what a person needs to search for.
      const cause = describeCause(err.cause);
      log.error({ ...err.context, ...(cause ? { cause } : {}), code: err.code, exitCode: code }, err.message);
    } else {
      log.error({ err, exitCode: code }, 'unexpected failure');
    }
  }
  // Logs are written synchronously, so nothing is lost by exiting at once; exiting also
  // ends any socket a failed run could leave open.
  process.exit(code);
}
