// The job images' entrypoint (docker/run-as-reports-owner.sh), run on this machine: it needs
// root and setpriv (util-linux), as in the image, and no Docker engine.
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './stack-env.ts';

const ENTRYPOINT = join(REPO_ROOT, 'docker/run-as-reports-owner.sh');
const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;
if (process.env.CI && !(isRoot && hasSetpriv))
  throw new Error("CI runs as root with setpriv (util-linux) to test the images' entrypoint");

/** The uid:gid the entrypoint runs `id` as, with `env` and the reports folder at `reports`. */
function idUnder(
  reports: string,
  env: Record<string, string> = {},
): { out: string; status: number | null; stderr: string } {
  const result = spawnSync('sh', [ENTRYPOINT, 'sh', '-c', 'echo "$(id -u):$(id -g) $HOME"'], {
    env: { PATH: process.env.PATH, REPORTS_DIR: reports, ...env },
    encoding: 'utf8',
  });
  return { out: result.stdout.trim(), status: result.status, stderr: result.stderr };
}

describe.skipIf(!(isRoot && hasSetpriv))("the job images' entrypoint, started as root", () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-entrypoint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const folder = (name: string, uid: number, gid: number) => {
    const path = join(dir, name);
    mkdirSync(path);
    chownSync(path, uid, gid);
    return path;
  };

  it.each([
    [1000, 1000],
    [1001, 1001],
    [4242, 77],
  ])('runs the job as %i:%i when that uid and gid own the reports folder', (uid, gid) => {
    expect(idUnder(folder(`owned-${uid}`, uid, gid)).out).toBe(`${uid}:${gid} /tmp`);
  });

  it('stays root when root owns the reports folder', () => {
    expect(idUnder(folder('root', 0, 0)).out).toMatch(/^0:0\b/);
  });

  it("uses the parent's owner when the reports folder does not exist yet", () => {
    const parent = folder('parent', 1001, 1001);
    expect(idUnder(join(parent, 'reports')).out).toBe('1001:1001 /tmp');
  });

  it('lets ROLLCALL_UID and ROLLCALL_GID override the owner', () => {
    expect(idUnder(folder('override', 1001, 1001), { ROLLCALL_UID: '1234', ROLLCALL_GID: '99' }).out).toBe(
      '1234:99 /tmp',
    );
  });

  it('refuses a ROLLCALL_UID that is not a number, with exit code 2', () => {
    const result = idUnder(folder('named', 1001, 1001), { ROLLCALL_UID: 'node' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('ROLLCALL_UID');
  });
});
