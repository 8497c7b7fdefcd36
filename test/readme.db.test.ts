// The README as a newcomer meets it (no database needed: tests under test/ sit in the db project).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRED_PRIVILEGES } from '@rollcall/shared';
import { REPO_ROOT } from './stack/stack-env.ts';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const lines = readme.split('\n');
const codeBlocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2]! }));

describe('README.md', () => {
  it('is at most 10,000 characters, with the quick start in its first 40 lines', () => {
    expect(readme.length).toBeLessThanOrEqual(10_000);
    expect(lines.slice(0, 40)).toContain('## Quick start');
  });

  it('shows the summary that the shipped sample gives, as its manifest records it', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'data/raw/manifest.json'), 'utf8'));
    const shown = codeBlocks.find((block) => block.lang === 'json');
    expect(JSON.parse(shown!.text)).toEqual(manifest.expected.summary);
  });

  it('gives the test commands that CI runs', () => {
    const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    const tests = codeBlocks
      .find((block) => block.text.includes('npm test'))!
      .text.trim()
      .split('\n');
    expect(tests).toEqual(['npm ci', 'npm test']);
    for (const command of tests) expect(ci).toContain(command);
  });

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1]!).filter((link) => !/^https?:/.test(link));
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(existsSync(join(REPO_ROOT, link)), link).toBe(true);
  });

  it("grants the loader's and the reader's accounts exactly the privileges the jobs check for at start", () => {
    const grants = Object.fromEntries(
      [...readme.matchAll(/^GRANT (.+) ON rollcall\.\* TO 'rollcall_(\w+)'@'%';$/gm)].map((m) => [
        m[2],
        m[1]!.split(', '),
      ]),
    );
    expect(grants).toEqual({ loader: [...REQUIRED_PRIVILEGES.loader], reader: [...REQUIRED_PRIVILEGES.reader] });
  });

  it('says "as root" instead of using sudo', () => {
    expect(readme).not.toMatch(/\bsudo\b/);
  });
});
