import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig, Logger } from '@rollcall/shared';
import type { BenchOptions } from './args.ts';
import type { BenchReport } from './bench-report.ts';
import { StepFailure, type BenchContext, type Measurement } from './context.ts';
import { datasetOptions, ensureDataset } from './dataset.ts';
import { machineFacts } from './machine.ts';
import { measureFloor } from './measure-floor.ts';
import { measureLoader } from './measure-loader.ts';
import { measureReaderJob, measureSummarySql } from './measure-reader.ts';
import { measureRowByRow } from './measure-row-by-row.ts';
import { measureServerRows } from './measure-server-rows.ts';
import { measureSqlLoader } from './measure-sql-loader.ts';
import { floorSeconds, toResults, type MeasuredStep } from './results.ts';
import { createScratchDatabase } from './scratch-database.ts';
import { findServerCpu } from './server-cpu.ts';
import { planSteps, type PlannedStep } from './steps.ts';

const MEASURE: Record<PlannedStep['name'], (ctx: BenchContext, run: number) => Promise<Measurement>> = {
  floor: measureFloor,
  'loader-infile': (ctx) => measureLoader(ctx, 'infile'),
  'loader-again': (ctx) => measureLoader(ctx, 'infile', { again: true }),
  'loader-insert': (ctx) => measureLoader(ctx, 'insert'),
  'sql-loader': measureSqlLoader,
  'server-rows': measureServerRows,
  'row-by-row': measureRowByRow,
  'summary-sql': measureSummarySql,
  'reader-default': measureReaderJob,
};

/**
 * The benchmark, top to bottom: the file (generated once, then cached), a scratch
 * database, every planned step one after the other (never two at once: they would share
 * the cores and the disk), then the scratch database dropped unless --keep.
 */
export async function runBench(
  options: BenchOptions,
  server: { config: DatabaseConfig; env: NodeJS.ProcessEnv },
  { log, signal }: { log: Logger; signal: AbortSignal },
): Promise<BenchReport> {
  const generated = datasetOptions(options.rows, options.seed);
  const dataset = await ensureDataset(generated, log, signal);
  const scratch = await createScratchDatabase(server.config, server.env);
  const workDir = await mkdtemp(join(tmpdir(), 'rollcall-bench-work-'));
  log.info({ database: scratch.name }, 'scratch database created');
  try {
    const machine = await scratch.use(machineFacts);
    const serverCpu = await scratch.use((db) => findServerCpu(db, scratch.config.host));
    if (serverCpu.available)
      log.info({ pid: serverCpu.pid, foundBy: serverCpu.foundBy }, "reading the server's CPU time from /proc");
    else
      log.warn({ reason: serverCpu.reason }, "the server's CPU time cannot be read; the CPU accounting leaves it out");
    const ctx: BenchContext = {
      rows: options.rows,
      sample: options.sample,
      dataset,
      scratch,
      serverCpu,
      workDir,
      log,
      signal,
      loaded: false,
    };
    const measured: MeasuredStep[] = [];
    for (const step of planSteps(options.only)) {
      signal.throwIfAborted();
      log.info({ step: step.name, run: step.run }, 'measuring');
      const { label, outcome } = await measure(step, ctx);
      log.info(
        { step: step.name, run: step.run, ...outcome },
        outcome.status === 'ok' ? 'measured' : `step ${outcome.status}`,
      );
      measured.push({ step, label, outcome });
    }
    const { manifest } = dataset;
    return {
      command: commandFor(options),
      rows: options.rows,
      seed: options.seed,
      sample: options.sample,
      files: {
        people: { rows: manifest.people.rows, bytes: manifest.people.bytes, sha256: manifest.people.sha256 },
        places: { rows: manifest.places.rows, bytes: manifest.places.bytes },
        generator: manifest.command,
      },
      machine,
      serverCpu: serverCpu.available ? { pid: serverCpu.pid } : { unavailable: serverCpu.reason },
      loadAverageAfter: Number(loadavg()[0]!.toFixed(2)),
      ...(floorSeconds(measured) !== undefined ? { floorSeconds: floorSeconds(measured)! } : {}),
      results: toResults(measured, options.rows),
    };
  } finally {
    if (options.keep) log.info({ database: scratch.name }, 'kept the scratch database (--keep)');
    else
      await scratch
        .drop()
        .catch((err: unknown) => log.warn({ err, database: scratch.name }, 'could not drop the scratch database'));
    await scratch.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** A step that fails is reported as failed and the run goes on; an interruption stops it. */
async function measure(step: PlannedStep, ctx: BenchContext): Promise<Measurement> {
  try {
    return await MEASURE[step.name](ctx, step.run);
  } catch (err) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const note = err instanceof StepFailure ? err.message : `${(err as Error).message}`;
    if (!(err instanceof StepFailure)) ctx.log.error({ err, step: step.name }, 'step failed');
    return { label: step.name, outcome: { status: 'failed', note } };
  }
}

export function commandFor(options: BenchOptions): string {
  const parts = ['npm run bench --', `--rows ${options.rows}`, `--seed ${options.seed}`, `--sample ${options.sample}`];
  if (options.only) parts.push(`--only ${options.only.join(',')}`);
  return parts.join(' ');
}
