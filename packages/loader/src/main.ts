import { runJob } from '@rollcall/shared';
import { readLoaderConfig } from './config.ts';
import { runLoad } from './load.ts';

await runJob('loader', async ({ log, signal }) => {
  await runLoad(readLoaderConfig(process.env), { log, signal });
});
