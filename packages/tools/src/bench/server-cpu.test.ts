import { describe, expect, it } from 'vitest';
import { cpuSecondsOfStat, listeningInodesOfTable, processAgeSeconds } from './server-cpu.ts';

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

describe('the sockets listening on a port, from /proc/net/tcp', () => {
  // Port 3306 is 0CEA; state 0A is LISTEN, 01 ESTABLISHED.
  const TABLE = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000   107        0 10068 1 0 100 0 0 10 0',
    '   1: 0100007F:0CEA 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000   107        0 20011 1 0 20 4 30 10 -1',
    '   2: 00000000:0CEB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 30022 1 0 100 0 0 10 0',
  ].join('\n');

  it('keeps the listening socket on that port, not its connections or other ports', () => {
    expect(listeningInodesOfTable(TABLE, 3306)).toEqual(['10068']);
    expect(listeningInodesOfTable(TABLE, 3307)).toEqual(['30022']);
    expect(listeningInodesOfTable(TABLE, 3308)).toEqual([]);
  });
});
