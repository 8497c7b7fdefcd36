import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--conditions=development', MAIN, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('npm run bench, before any database', () => {
  it('prints the package version for --version', () => {
    const result = cli('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('@rollcall/tools 0.1.0\n');
  });

  it('prints the usage for --help', () => {
    const result = cli('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run bench -- --rows N/);
  });

  it('exits 2 with the problem and the usage on a bad option', () => {
    const result = cli('--rows', '10', '--only', 'everything');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^bench: --only takes step names[\s\S]*\n\nUsage: npm run bench/);
  });
});
