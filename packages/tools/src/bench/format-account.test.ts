import { describe, expect, it } from 'vitest';
import type { LoaderAccount } from './cpu-account.ts';
import { accountCells, formatAccounts } from './format-account.ts';
import type { StepResult } from './results.ts';

const account: LoaderAccount = {
  beforeFirstRow: { seconds: 0.45, nodeCpuSeconds: 0.4, serverCpuSeconds: 0.05 },
  stream: { seconds: 2.9, nodeCpuSeconds: 2.8, serverCpuSeconds: 2.1, nodeIdleSeconds: 0.1 },
  afterLastRow: { seconds: 0.55, nodeCpuSeconds: 0.05, serverCpuSeconds: 0.5 },
  nodeIdleSeconds: 0.65,
  boundSeconds: 3.8,
};
const loader: StepResult = {
  name: 'loader-infile',
  run: 1,
  label: 'loader, LOAD_METHOD=infile',
  kind: 'load',
  status: 'ok',
  seconds: 3.9,
  account,
};

describe("the loader's account in the bench output", () => {
  it('lays out the phases, the bound and how far the run is from it', () => {
    expect(accountCells(loader.label, 3.9, account)).toEqual([
      'loader, LOAD_METHOD=infile',
      '3.90',
      '0.450',
      '0.400',
      '2.90',
      '2.80',
      '0.100',
      '2.10',
      '0.550',
      '0.500',
      '3.80',
      '1.03x',
    ]);
  });

  it("shows dashes for the server's figures and the bound when its CPU time could not be read", () => {
    const { boundSeconds: _bound, ...rest } = account;
    const withoutServer: LoaderAccount = {
      ...rest,
      beforeFirstRow: { seconds: 0.45, nodeCpuSeconds: 0.4 },
      stream: { seconds: 2.9, nodeCpuSeconds: 2.8, nodeIdleSeconds: 0.1 },
      afterLastRow: { seconds: 0.55, nodeCpuSeconds: 0.05 },
    };
    expect(accountCells('loader', 3.9, withoutServer).slice(7)).toEqual(['—', '0.550', '—', '—', '—']);
    const text = formatAccounts([{ ...loader, account: withoutServer }], {
      unavailable: 'the server at db.example is not on this machine',
    });
    expect(text).toContain(
      "The server's CPU time could not be read (the server at db.example is not on this machine), so there is no bound",
    );
  });

  it('is empty when no run has an account', () => {
    const { account: _account, ...plain } = loader;
    expect(formatAccounts([plain], { pid: 1 })).toBe('');
  });

  it('names the server process it read', () => {
    expect(formatAccounts([loader], { pid: 3783 })).toContain('(pid 3783) from /proc');
  });
});
