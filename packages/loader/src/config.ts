import { EnvError, makeValidator, num, str } from 'envalid';
import { readEnv, toSharedConfig, type SharedConfig } from '@rollcall/shared';

export type LoadMethodSetting = 'auto' | 'infile' | 'insert';

export interface LoaderConfig extends SharedConfig {
  dataDir: string;
  maxRejectRatio: number;
  loadMethod: LoadMethodSetting;
  swapWaitTimeoutS: number;
}

const ratio = makeValidator<number>((input) => {
  const value = Number(input);
  if (input.trim() === '' || !(value >= 0 && value <= 1)) throw new EnvError(`expected a number from 0 to 1, got "${input}"`);
  return value;
});

export const loaderEnvSpec = {
  DATA_DIR: str({ default: 'data/raw', desc: 'Folder holding places.csv and people.csv' }),
  MAX_REJECT_RATIO: ratio({ default: 0.01, desc: 'Largest share of rejected rows per file before the load is refused' }),
  LOAD_METHOD: str({
    default: 'auto',
    choices: ['auto', 'infile', 'insert'],
    desc: 'auto: LOAD DATA LOCAL INFILE, or batched INSERT when the server refuses it',
  }),
  SWAP_WAIT_TIMEOUT_S: num({ default: 120, desc: 'Seconds the final swap may wait for readers still using the tables' }),
};

export function readLoaderConfig(env: NodeJS.ProcessEnv): LoaderConfig {
  const cleaned = readEnv(env, loaderEnvSpec);
  return {
    ...toSharedConfig(cleaned),
    dataDir: cleaned.DATA_DIR,
    maxRejectRatio: cleaned.MAX_REJECT_RATIO,
    loadMethod: cleaned.LOAD_METHOD as LoadMethodSetting,
    swapWaitTimeoutS: cleaned.SWAP_WAIT_TIMEOUT_S,
  };
}
