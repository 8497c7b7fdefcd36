// npm start: the loader then the reader, on the server MYSQL_* names or, with MYSQL_HOST
// unset, on a throwaway one started for this run and removed at the end (also on Ctrl-C).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXIT_CODES, exitCodeFor, isRollcallError, readEnv, toSharedConfig } from '@rollcall/shared';
import { provideDatabase, type ProvidedDatabase } from '@rollcall/throwaway-db';
import { optionsOrExit } from '../cli.ts';
import { parseStartArgs, USAGE } from './args.ts';
import { JobRunner } from './job-process.ts';

// Before anything starts: npm start -- --help must not start a server or load.
optionsOrExit('start', USAGE, () => parseStartArgs(process.argv.slice(2)));

const say = (line: string) => process.stderr.write(`rollcall start: ${line}\n`);

const jobs = new JobRunner();
process.on('SIGINT', (signal) => jobs.forward(signal));
process.on('SIGTERM', (signal) => jobs.forward(signal));

let database: ProvidedDatabase | undefined;
if (!process.env.MYSQL_HOST) {
  say('MYSQL_HOST is not set: starting a throwaway database for this run');
  try {
    database = await provideDatabase({ database: 'rollcall' });
  } catch (err) {
    // A server that will not start here is this machine's problem, not a bug: exit 3.
    say(isRollcallError(err) ? err.message : `could not start a throwaway database: ${(err as Error).message}`);
    process.exit(isRollcallError(err) ? exitCodeFor(err) : EXIT_CODES.DB_UNAVAILABLE);
  }
  say(`using ${database.description}; it is removed when this run ends`);
}
const env = { ...process.env, ...database?.env };

let code = await jobs.run('loader', env);
if (code === 0) code = await jobs.run('reader', env);
if (code === 0) {
  const reportsDir = resolve(toSharedConfig(readEnv(env, {})).reportsDir);
  const summary = await readFile(join(reportsDir, 'summary_output.json'), 'utf8');
  process.stdout.write(
    `\nPeople per country of birth (${join(reportsDir, 'summary_output.json')}):\n${summary.trim()}\n`,
  );
  process.stdout.write(`Reports are in ${reportsDir}, rejected rows in ${join(reportsDir, 'rejects')}.\n`);
} else {
  say(`stopped: exit code ${code} (docs/failure-behaviour.md)`);
}
await database?.dispose();
process.exit(code);
