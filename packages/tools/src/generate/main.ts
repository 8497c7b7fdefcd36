import { runJob, startProgress } from '@rollcall/shared';
import { optionsOrExit } from '../cli.ts';
import { USAGE, parseGenerateArgs } from './args.ts';
import { generate } from './generate.ts';

// npm run generate -- --people N --seed S --out DIR [...]: see USAGE in args.ts.
const options = optionsOrExit('generate', USAGE, () => parseGenerateArgs(process.argv.slice(2)));

await runJob('generate', async ({ log, signal }) => {
  const started = performance.now();
  // places.csv takes no time; people.csv is the long part, and its row count is the total.
  const progress = startProgress({
    log,
    context: { file: 'people.csv' },
    label: 'people.csv',
    total: options.people,
    message: 'generating',
    rowsKey: 'rowsWritten',
  });
  const manifest = await generate(options, {
    signal,
    onProgress: (rows) => progress.update(rows, rows),
    progressEvery: 10_000,
  }).finally(() => progress.stop());
  const seconds = (performance.now() - started) / 1000;
  log.info(
    {
      out: options.out,
      places: manifest.places.rows,
      people: manifest.people.rows,
      badPeople: manifest.expected.people.rejected,
      bytes: manifest.places.bytes + manifest.people.bytes,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(options.people / seconds),
    },
    'generated',
  );
});
