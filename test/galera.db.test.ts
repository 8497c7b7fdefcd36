import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '@rollcall/shared';
import {
  galeraAvailable,
  startGaleraCluster,
  type GaleraCluster,
  type ThrowawayServer,
  LOADER_MAIN,
  READER_MAIN,
  runJob,
  startJob,
} from '@rollcall/testkit';
import { generate, type Manifest } from '@rollcall/tools/generate';

// Issue 14: the jobs on a real 3-node Galera cluster (testkit's startGaleraCluster). Never
// skipped in CI: .ci/galera-tools.sh installs galera-4 and rsync. The tests run in order and
// share the cluster; the one that kills a node comes last.
describe.skipIf(!galeraAvailable() && !process.env.CI)('the jobs on a 3-node Galera cluster', () => {
  let cluster: GaleraCluster;
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-galera-'));
  // Reference-like data (the generator's, with bad rows of every kind), and a larger dataset
  // whose load lasts long enough to act during it.
  const small = { data: join(dir, 'small'), manifest: undefined as unknown as Manifest };
  const large = { data: join(dir, 'large'), manifest: undefined as unknown as Manifest };

  beforeAll(async () => {
    const common = {
      places: 244,
      badFraction: 0.004,
      bad: { 'duplicate-place': 0.02, 'conflicting-place': 0.01 },
      crlf: true,
      bom: true,
    };
    [cluster, small.manifest, large.manifest] = await Promise.all([
      startGaleraCluster(),
      generate({ out: small.data, people: 20_000, seed: 42, ...common }),
      generate({ out: large.data, people: 300_000, seed: 7, ...common }),
    ]);
  }, 300_000);
  afterAll(async () => {
    await cluster?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const node = (i: number): ThrowawayServer => cluster.nodes[i]!;
  const loaderEnv = (server: ThrowawayServer, data: string, env: Record<string, string> = {}) => ({
    ...server.env,
    DATA_DIR: data,
    REPORTS_DIR: join(data, `reports-${server.port}`),
    MAX_REJECT_RATIO: '0.05',
    DB_WAIT_TIMEOUT_S: '30',
    ...env,
  });
  /** The summary report read through `server`, as the reader writes it. */
  async function summaryThrough(server: ThrowawayServer): Promise<string> {
    const reports = mkdtempSync(join(dir, 'reports-'));
    const result = await runJob(READER_MAIN, { ...server.env, REPORTS_DIR: reports, DB_WAIT_TIMEOUT_S: '30' });
    expect(result.code, result.stdout).toBe(EXIT_CODES.OK);
    return readFileSync(join(reports, 'summary_output.json'), 'utf8');
  }
  const summaryOf = (manifest: Manifest) => JSON.stringify(manifest.expected.summary);

  it('loads reference-like data through one node and reports it exactly through another', async () => {
    const load = await runJob(LOADER_MAIN, loaderEnv(node(0), small.data));
    expect(load.code, load.stdout).toBe(EXIT_CODES.OK);
    expect(await summaryThrough(node(1))).toBe(summaryOf(small.manifest));
    expect(await summaryThrough(node(2))).toBe(summaryOf(small.manifest));
  }, 180_000);

  it('lets two loaders started at once on two nodes end with exactly one dataset; the other exits 6 at once', async () => {
    const timed = async (server: ThrowawayServer, data: string) => {
      const started = Date.now();
      const result = await runJob(LOADER_MAIN, loaderEnv(server, data));
      return { ...result, ms: Date.now() - started };
    };
    const [first, second] = await Promise.all([timed(node(0), large.data), timed(node(1), small.data)]);
    const codes = [first.code, second.code].sort();
    expect(codes, `${first.stdout}\n${second.stdout}`).toEqual([EXIT_CODES.OK, EXIT_CODES.LOAD_LOCKED].sort());
    const [winner, loser] = first.code === EXIT_CODES.OK ? [first, second] : [second, first];
    expect(loser.lines.at(-1)).toMatchObject({ code: 'LOAD_LOCKED' });
    // At once: it never waited for the other load (which takes far longer than this).
    expect(loser.ms).toBeLessThan(winner.ms);
    const expected = winner === first ? large.manifest : small.manifest;
    expect(await summaryThrough(node(2))).toBe(summaryOf(expected));
  }, 180_000);

  it('shows a reader on another node one whole dataset while a load runs', async () => {
    const before = await runJob(LOADER_MAIN, loaderEnv(node(0), small.data));
    expect(before.code).toBe(EXIT_CODES.OK);
    const job = startJob(LOADER_MAIN, loaderEnv(node(0), large.data, { STAGING_COMMIT_ROWS: '50000' }));
    let running = true;
    void job.done.then(() => (running = false));
    const seen: string[] = [];
    await job.waitForLine((line) => line.msg === 'load started', 120_000);
    while (running) seen.push(await summaryThrough(node(1)));
    expect((await job.done).code).toBe(EXIT_CODES.OK);
    seen.push(await summaryThrough(node(1)));
    const whole = [summaryOf(small.manifest), summaryOf(large.manifest)];
    for (const summary of seen) expect(whole).toContain(summary);
    expect(seen.at(-1)).toBe(summaryOf(large.manifest));
  }, 300_000);

  it('ends a load during which another node is killed with the new dataset (retried, logged) or exit 3 and the previous one', async () => {
    const before = await runJob(LOADER_MAIN, loaderEnv(node(0), small.data));
    expect(before.code).toBe(EXIT_CODES.OK);
    const job = startJob(LOADER_MAIN, loaderEnv(node(0), large.data, { STAGING_COMMIT_ROWS: '20000' }));
    await job.waitForLine((line) => line.msg === 'places loaded into staging', 120_000);
    await node(2).kill('SIGKILL');
    const result = await job.done;

    expect([EXIT_CODES.OK, EXIT_CODES.DB_TRANSIENT, EXIT_CODES.DB_LOST], result.stdout).toContain(result.code);
    const retries = result.lines.filter((line) => /starting it again/.test(line.msg));
    if (result.code === EXIT_CODES.OK) {
      expect(await summaryThrough(node(1))).toBe(summaryOf(large.manifest));
    } else {
      expect(result.lines.at(-1)).toMatchObject({ code: expect.stringMatching(/^DB_(TRANSIENT|LOST)$/) });
      expect(await summaryThrough(node(1))).toBe(summaryOf(small.manifest));
    }
    // Whatever happened is in the log: each retry is a line with its reason.
    for (const line of retries) expect(line).toMatchObject({ level: 40, reason: expect.any(String) });
  }, 300_000);
});
