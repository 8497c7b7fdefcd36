/** A process's CPU seconds so far (user + system), read at `at` (epoch milliseconds). */
export type CpuSample = [at: number, seconds: number];

/** How often a trace reads the CPU time: fine enough for phases of a second, too rare to cost anything. */
export const TRACE_EVERY_MS = 50;

/**
 * Reads `read()` now and every TRACE_EVERY_MS until stop(), which reads it once more and
 * returns the samples in time order.
 */
export function startCpuTrace(read: () => number, now: () => number = Date.now): { stop(): CpuSample[] } {
  const samples: CpuSample[] = [[now(), read()]];
  const timer = setInterval(() => samples.push([now(), read()]), TRACE_EVERY_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      samples.push([now(), read()]);
      return samples;
    },
  };
}

/** CPU seconds at `at`, interpolated between the samples around it (clamped to the first and last). */
export function cpuAt(samples: readonly CpuSample[], at: number): number {
  if (samples.length === 0) throw new Error('a CPU trace needs at least one sample');
  if (at <= samples[0]![0]) return samples[0]![1];
  for (let i = 1; i < samples.length; i++) {
    const [t1, s1] = samples[i]!;
    if (at > t1) continue;
    const [t0, s0] = samples[i - 1]!;
    return t1 === t0 ? s1 : s0 + ((s1 - s0) * (at - t0)) / (t1 - t0);
  }
  return samples.at(-1)![1];
}

/** CPU seconds used between two moments (epoch milliseconds). */
export function cpuBetween(samples: readonly CpuSample[], from: number, to: number): number {
  return cpuAt(samples, to) - cpuAt(samples, from);
}
