import { fileURLToPath } from 'node:url';
import type { Logger } from '@rollcall/shared';
import type { Dataset } from './dataset.ts';
import type { Outcome } from './results.ts';
import type { ScratchDatabase } from './scratch-database.ts';
import type { ServerCpu } from './server-cpu.ts';
import { settle } from './settle.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** What every measurement shares: one file, one server, one scratch database. */
export interface BenchContext {
  rows: number;
  sample: number;
  dataset: Dataset;
  scratch: ScratchDatabase;
  /** A temporary folder for the jobs' REPORTS_DIR. */
  workDir: string;
  log: Logger;
  signal: AbortSignal;
  /** The server process's CPU time, when it runs on this machine. */
  serverCpu: ServerCpu;
  /** True while the scratch database holds a completed load by the loader (the reader needs one). */
  loaded: boolean;
}

export interface Measurement {
  label: string;
  outcome: Outcome;
}

/** Recreates the scratch database empty, the server's dirty pages written back: the state every load starts from. */
export async function freshDatabase(ctx: BenchContext): Promise<void> {
  ctx.loaded = false;
  await ctx.scratch.reset();
  await settled(ctx);
}

/** Waits for the server to write back the pages the last step dirtied (see settle). */
export async function settled(ctx: BenchContext): Promise<void> {
  const waited = await ctx.scratch.use((db) => settle(db, ctx.signal));
  if (waited >= 1)
    ctx.log.info({ seconds: Number(waited.toFixed(1)) }, 'waited for the server to write back dirty pages');
}

/** A step that cannot be measured; the benchmark goes on with the next one. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
}
