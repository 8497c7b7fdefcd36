import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--conditions=development', MAIN, ...args], { encoding: 'utf8', timeout: 30_000 });

let out: string;
beforeAll(async () => (out = await mkdtemp(join(tmpdir(), 'rollcall-generate-cli-'))));
afterAll(() => rm(out, { recursive: true, force: true }));

describe('npm run generate', () => {
  it('writes places.csv, people.csv and manifest.json, and logs what it wrote', async () => {
    const result = cli('--people', '200', '--seed', '4', '--out', out, '--bad', 'unknown-place=0.05');
    expect(result.status).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['manifest.json', 'people.csv', 'places.csv']);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.people.bad['unknown-place'].count).toBe(10);
    const summary = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .at(-1);
    expect(summary).toMatchObject({ msg: 'generated', people: 200, badPeople: 10 });
    // Not a terminal: no progress bar, nothing but JSON lines.
    expect(result.stderr).toBe('');
  });

  it('exits 2 with the problem and the usage on a bad option, writing nothing', async () => {
    const result = cli('--people', 'lots', '--seed', '1', '--out', join(out, 'never'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--people must be a whole number.*\n\nUsage: npm run generate/);
    expect(await readdir(out)).not.toContain('never');
  });

  it('prints the package version for --version', () => {
    const result = cli('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('@rollcall/tools 0.1.0\n');
  });

  it('prints the usage for --help', () => {
    const result = cli('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run generate -- --people N --seed S --out DIR/);
  });
});
