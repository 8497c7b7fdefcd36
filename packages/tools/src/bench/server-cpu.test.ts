import { describe, expect, it } from 'vitest';
import { cpuSecondsOfStat, processAgeSeconds } from './server-cpu.ts';

// A /proc/<pid>/stat line (proc(5)) whose command name holds a space and a parenthesis;
// utime (field 14) 1234 and stime (field 15) 566 ticks, starttime (field 22) 5000 ticks.
const STAT =
  '3783 (mariadbd (x)) S 1 3783 3783 0 -1 4194560 5093 0 0 0 1234 566 0 0 20 0 30 0 5000 1500000000 30000 18446744073709551615';

describe("the server's CPU time from /proc", () => {
  it('adds user and system ticks, at 100 a second, past a command name with spaces and parentheses', () => {
    expect(cpuSecondsOfStat(STAT)).toBeCloseTo(18, 10);
  });

  it("tells the process's age from the machine's uptime and the process's start tick", () => {
    expect(processAgeSeconds(STAT, '350.25 700.00\n')).toBeCloseTo(300.25, 10);
  });
});
