import { str } from 'envalid';
import { MAX_WAIT_S, numberIn, readEnv, text, toSharedConfig, type SharedConfig } from '@rollcall/shared';

export const LOAD_METHODS = ['auto', 'infile', 'insert'] as const;
export type LoadMethodSetting = (typeof LOAD_METHODS)[number];

export interface LoaderConfig extends SharedConfig {
  dataDir: string;
  maxRejectRatio: number;
  loadMethod: LoadMethodSetting;
  swapWaitTimeoutS: number;
  stagingCommitRows: number;
}

export const loaderEnvSpec = {
  DATA_DIR: text({ default: 'data/raw', desc: 'Folder holding places.csv and people.csv' }),
  MAX_REJECT_RATIO: numberIn(
    0,
    1,
  )({ default: 0.01, desc: 'Largest share of rejected rows per file before the load is refused, 0 to 1' }),
  LOAD_METHOD: str({
    default: 'auto',
    choices: LOAD_METHODS,
    desc: 'auto: LOAD DATA LOCAL INFILE, or batched INSERT when the server refuses it',
  }),
  // A whole number: it becomes the session's lock_wait_timeout.
  SWAP_WAIT_TIMEOUT_S: numberIn(1, MAX_WAIT_S, { whole: true })({
    default: 120,
    desc: `Whole seconds the final swap may wait for readers still using the tables, 1 to ${MAX_WAIT_S}`,
  }),
  // Whole rows per committed chunk; 1e9 is one transaction for any dataset the ids allow in practice.
  STAGING_COMMIT_ROWS: numberIn(1, 1_000_000_000, { whole: true })({
    default: 250_000,
    desc: 'Rows per committed chunk of the staging load (bounded transactions for TiDB, Galera, Group Replication), 1 to 1000000000',
  }),
};

export function readLoaderConfig(env: NodeJS.ProcessEnv): LoaderConfig {
  const cleaned = readEnv(env, loaderEnvSpec);
  return {
    ...toSharedConfig(cleaned),
    dataDir: cleaned.DATA_DIR,
    maxRejectRatio: cleaned.MAX_REJECT_RATIO,
    loadMethod: cleaned.LOAD_METHOD,
    swapWaitTimeoutS: cleaned.SWAP_WAIT_TIMEOUT_S,
    stagingCommitRows: cleaned.STAGING_COMMIT_ROWS,
  };
}
