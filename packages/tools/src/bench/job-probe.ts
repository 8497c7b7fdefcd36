// Preloaded into a measured job (node --import): at exit, writes to the file named by
// ROLLCALL_BENCH_PROBE_FILE, as JSON, the process's own peak resident set size in kilobytes
// (getrusage ru_maxrss, worker threads included) and a trace of its CPU time (user +
// system, all threads), so the bench can tell how much CPU each phase of the job used.
// The job is measured itself, not npm or a shell around it, and no sampling can miss a
// short peak.
import { writeFileSync } from 'node:fs';
import { startCpuTrace } from './cpu-trace.ts';

export interface ProbeReport {
  maxRssKb: number;
  cpu: Array<[at: number, seconds: number]>;
}

const file = process.env.ROLLCALL_BENCH_PROBE_FILE;
if (file) {
  const trace = startCpuTrace(() => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  });
  process.on('exit', () => {
    const report: ProbeReport = { maxRssKb: process.resourceUsage().maxRSS, cpu: trace.stop() };
    writeFileSync(file, JSON.stringify(report));
  });
}
