// Preloaded into a measured job (node --import): at exit, writes the process's own peak
// resident set size, in kilobytes (getrusage ru_maxrss, worker threads included), to the
// file named by ROLLCALL_BENCH_PEAK_RSS_FILE. The job is measured itself, not npm or a
// shell around it, and no sampling can miss a short peak.
import { writeFileSync } from 'node:fs';

const file = process.env.ROLLCALL_BENCH_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
