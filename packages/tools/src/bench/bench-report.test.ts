import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMarkdown, writeBenchReport, type BenchReport } from './bench-report.ts';

const report: BenchReport = {
  command: 'npm run bench -- --rows 1000 --seed 1 --sample 100',
  rows: 1000,
  seed: 1,
  sample: 100,
  files: {
    people: { rows: 1000, bytes: 40_764_200, sha256: 'e8678b0bae577e08718c719baa087f82' },
    places: { rows: 244, bytes: 8600 },
    generator: 'npm run generate -- --people 1000 --seed 1 --out <dir>',
  },
  machine: {
    date: '2026-01-02T03:04:05.000Z',
    cores: 2,
    cpuModel: 'AMD EPYC',
    memoryGiB: 23.5,
    os: 'Linux 6.1',
    node: 'v22.23.0',
    server: { version: '10.11.19-MariaDB', innodbBufferPoolMiB: 128, innodbFlushLogAtTrxCommit: 1, localInfile: true },
    loadAverage: 0.52,
  },
  serverCpu: { pid: 3783 },
  loadAverageAfter: 0.61,
  floorSeconds: 0.123456789,
  results: [
    {
      name: 'floor',
      run: 1,
      label: 'floor (run 1)',
      kind: 'floor',
      status: 'ok',
      seconds: 0.123456789,
      rowsPerSecond: 8100.0001,
      ratio: 1,
    },
  ],
};

describe('bench report files', () => {
  it('states the command, the table, the ratio base and the machine in Markdown', () => {
    const markdown = formatMarkdown(report);
    expect(markdown).toMatch(/^# Benchmark: 1,000 people rows\n/);
    expect(markdown).toContain('`npm run bench -- --rows 1000 --seed 1 --sample 100`, 2026-01-02T03:04:05.000Z');
    expect(markdown).toContain('| floor (run 1) |   0.123 |  8,100 |   1.00x |');
    expect(markdown).toContain(
      "Server CPU is the server process's over the same time (pid 3783, from /proc, all its clients included).",
    );
    expect(markdown).toContain('Ratios are to the faster floor run (0.123 s).');
    expect(markdown).toContain('- CPU: 2 cores (AMD EPYC); memory 23.5 GiB; Linux 6.1');
    expect(markdown).toContain(
      '- server 10.11.19-MariaDB: innodb_buffer_pool_size 128 MiB, innodb_flush_log_at_trx_commit 1, local_infile ON',
    );
    expect(markdown).toContain('- load average (1 min): 0.52 at the start, 0.61 at the end');
    expect(markdown).toContain('- people.csv: 1,000 rows, 40.8 MB (sha256 e8678b0bae577e08…); places.csv: 244 rows');
  });

  it("says why the server's CPU time was not measured", () => {
    expect(
      formatMarkdown({ ...report, serverCpu: { unavailable: 'the server at db.example is not on this machine' } }),
    ).toContain('(not measured: the server at db.example is not on this machine)');
  });

  it("adds the loader's account when a loader run has one", () => {
    expect(formatMarkdown(report)).not.toContain("## Where the loader's time went");
    const account = {
      beforeFirstRow: { seconds: 0.5, nodeCpuSeconds: 0.4, serverCpuSeconds: 0.1 },
      stream: { seconds: 3, nodeCpuSeconds: 2.4, serverCpuSeconds: 2.7, nodeIdleSeconds: 0.6 },
      afterLastRow: { seconds: 0.5, nodeCpuSeconds: 0.1, serverCpuSeconds: 0.45 },
      nodeIdleSeconds: 1.1,
      boundSeconds: 3.7,
    };
    const loader = {
      name: 'loader-infile',
      run: 1,
      label: 'loader',
      kind: 'load',
      status: 'ok',
      seconds: 4,
      account,
    } as const;
    const markdown = formatMarkdown({ ...report, results: [...report.results, loader] });
    expect(markdown).toContain("## Where the loader's time went");
    expect(markdown).toContain(
      '| loader     |    4.00 |            0.500 |           0.400 |   3.00 |     2.40 |     0.600 |       2.70 |          0.500 |            0.450 |  3.70 |   1.08x |',
    );
  });

  it('says there are no ratios when no floor run succeeded', () => {
    const { floorSeconds: _floor, ...withoutFloor } = report;
    expect(formatMarkdown(withoutFloor)).toContain('No floor run succeeded, so there are no ratios.');
  });

  it('writes bench-<rows>.json with numbers rounded to six digits, and the Markdown beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollcall-bench-report-'));
    try {
      const files = await writeBenchReport(report, join(dir, 'bench'));
      expect(files).toEqual([join(dir, 'bench', 'bench-1000.json'), join(dir, 'bench', 'bench-1000.md')]);
      const json = JSON.parse(await readFile(files[0]!, 'utf8')) as BenchReport;
      expect(json.floorSeconds).toBe(0.123457);
      expect(json.results[0]).toMatchObject({ seconds: 0.123457, rowsPerSecond: 8100 });
      expect(json.machine).toEqual(report.machine);
      expect(await readFile(files[1]!, 'utf8')).toBe(formatMarkdown(report));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
