import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runJob, startJob } from './job.ts';

// Stand-in jobs: small scripts that log as the jobs do (JSON lines on stdout).
const dir = mkdtempSync(join(tmpdir(), 'rollcall-job-test-'));
const script = (name: string, body: string) => {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, body);
  return file;
};

// A line written in two pieces, a "ü" split between its two bytes, and a last line without a newline.
const LOGS = script(
  'logs',
  `const out = (s) => new Promise((resolve) => process.stdout.write(s, resolve));
const bytes = Buffer.from('{"level":30,"msg":"gr\u00fc\u00df","n":1}\\n');
await out('not json\\n');
await out(bytes.subarray(0, 22));
await new Promise((resolve) => setTimeout(resolve, 20));
await out(bytes.subarray(22));
await out('{"level":50,"msg":"last","arg":"' + process.argv[2] + '","env":"' + process.env.ONLY + '"}');
process.stderr.write('to stderr');
process.exitCode = 4;
`,
);
const WAITS = script(
  'waits',
  `console.log(JSON.stringify({ level: 30, msg: 'ready' }));
setInterval(() => {}, 1000);
`,
);

describe('the job runner', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the exit code, stdout, stderr and the JSON log lines parsed, with only the given environment', async () => {
    const result = await runJob(LOGS, { ONLY: 'this' }, { args: ['an-arg'] });
    expect(result.code).toBe(4);
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe('to stderr');
    expect(result.stdout.startsWith('not json\n')).toBe(true);
    expect(result.lines).toEqual([
      { level: 30, msg: 'grüß', n: 1 },
      { level: 50, msg: 'last', arg: 'an-arg', env: 'this' },
    ]);
  });

  it('shows log lines as they come, and reports the signal that ended the job', async () => {
    const job = startJob(WAITS, {});
    expect(await job.waitForLine((line) => line.msg === 'ready')).toEqual({ level: 30, msg: 'ready' });
    job.kill('SIGTERM');
    const result = await job.done;
    expect(result.code).toBeNull();
    expect(result.signal).toBe('SIGTERM');
  });

  it('rejects a wait for a line the job never logs once the job has ended', async () => {
    const job = startJob(LOGS, {});
    await expect(job.waitForLine((line) => line.msg === 'never')).rejects.toThrow(
      /the job ended before a matching log line/,
    );
  });
});
