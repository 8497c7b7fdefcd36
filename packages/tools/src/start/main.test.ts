import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
// No MYSQL_HOST: had npm start looked past its arguments, it would start a throwaway server.
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--conditions=development', MAIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '' },
  });

describe('npm start, before any server is started', () => {
  it('prints the usage for --help', () => {
    const result = cli('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm start/);
    expect(result.stderr).not.toMatch(/starting a throwaway database/);
  });

  it('prints the package version for --version', () => {
    const result = cli('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('@rollcall/tools 0.1.0\n');
  });

  it('refuses an unknown argument with exit 2 and the usage', () => {
    const result = cli('--nope');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^start: Unknown option '--nope'[\s\S]*\n\nUsage: npm start/);
    expect(result.stderr).not.toMatch(/starting a throwaway database/);
  });
});
