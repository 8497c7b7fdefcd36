import { afterEach, describe, expect, it, vi } from 'vitest';
import { lacksTool } from './needs-tool.ts';

describe('lacksTool', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('never skips a test whose tool is there', () => {
    vi.stubEnv('CI', '');
    expect(lacksTool(true, 'x')).toBe(false);
  });

  it('skips a test whose tool is missing outside CI', () => {
    vi.stubEnv('CI', '');
    expect(lacksTool(false, 'the mariadb client')).toBe(true);
  });

  it('fails in CI, naming the missing tool, instead of skipping', () => {
    vi.stubEnv('CI', 'true');
    expect(() => lacksTool(false, 'the mariadb client')).toThrow(
      'CI needs the mariadb client, which this machine lacks',
    );
  });
});
