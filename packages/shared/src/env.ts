import { readFileSync } from 'node:fs';
import { cleanEnv, str, type CleanedEnv, type ValidatorSpec } from 'envalid';
import { configError, crossProblems, problemsOf, type EnvProblem } from './env-report.ts';
import { RollcallError } from './errors.ts';
import { numberIn, text } from './env-validators.ts';

/**
 * The longest wait a setting may ask for: a day. Node's timers take at most 2^31-1 ms
 * (24.8 days) and fire after 1 ms beyond that (TimeoutOverflowWarning), so an unbounded
 * DB_WAIT_TIMEOUT_S would turn into no wait at all.
 */
export const MAX_WAIT_S = 86_400;

/** The settings with a fixed set of values; their types come from these lists, never from a cast. */
export const SSL_MODES = ['disabled', 'preferred', 'required', 'verify_ca', 'verify_identity'] as const;
export type SslMode = (typeof SSL_MODES)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/**
 * The configuration contract shared by both jobs. These names are public: the stack,
 * the docs and outside checks use them, so renaming one is a breaking change.
 */
export const sharedEnvSpec = {
  MYSQL_HOST: text({ desc: 'Database server host name or address', example: '127.0.0.1' }),
  MYSQL_PORT: numberIn(1, 65_535, { whole: true })({ default: 3306, desc: 'Database server TCP port, 1 to 65535' }),
  MYSQL_USER: text({ desc: 'Database account name', example: 'rollcall' }),
  // May be empty: an account without a password (a throwaway development server).
  MYSQL_PASSWORD: str({ default: undefined, desc: 'Database password (or use MYSQL_PASSWORD_FILE)' }),
  MYSQL_PASSWORD_FILE: text({
    default: undefined,
    desc: 'File holding the database password, e.g. a Docker secret',
    example: '/run/secrets/mysql_password',
  }),
  MYSQL_DATABASE: text({ desc: 'Database (schema) name', example: 'rollcall' }),
  MYSQL_SSL_MODE: str({
    default: 'preferred',
    choices: SSL_MODES,
    desc: 'TLS to the database: required refuses plain connections; verify_* also check the certificate',
  }),
  MYSQL_SSL_CA: text({
    default: undefined,
    desc: 'PEM file of the CA that signed the server certificate',
    example: '/run/secrets/ca.pem',
  }),
  REPORTS_DIR: text({ default: 'reports', desc: 'Folder for reports and reject files' }),
  DB_WAIT_TIMEOUT_S: numberIn(
    1,
    MAX_WAIT_S,
  )({ default: 60, desc: `Seconds to wait for the database at start-up, 1 to ${MAX_WAIT_S}` }),
  LOG_LEVEL: str({
    default: DEFAULT_LOG_LEVEL,
    choices: LOG_LEVELS,
    desc: 'Log level',
  }),
} as const;

export interface DatabaseConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  sslMode: SslMode;
  sslCa?: string | undefined;
  waitTimeoutS: number;
}

export interface SharedConfig {
  db: DatabaseConfig;
  reportsDir: string;
  logLevel: LogLevel;
}

/**
 * Validates `env` against the shared spec plus a job's own spec and reports every problem
 * in one message, each saying what is wrong and how to fix it: envalid's, and those it
 * cannot see (no password at all, an unreadable file). envalid's default reporter exits
 * the process; we throw, so that the runner decides the exit code.
 */
export function readEnv<S extends Record<string, ValidatorSpec<unknown>>>(
  env: NodeJS.ProcessEnv,
  jobSpec: S,
): CleanedEnv<typeof sharedEnvSpec & S> {
  const specs = { ...sharedEnvSpec, ...jobSpec };
  let problems: EnvProblem[] = [];
  const cleaned = cleanEnv(env, specs, {
    reporter: ({ errors }) => {
      problems = problemsOf(errors, specs, env);
    },
  });
  const named = new Set(problems.map((p) => p.name));
  problems.push(...crossProblems(env).filter((p) => !named.has(p.name)));
  if (problems.length > 0) throw configError(problems);
  return cleaned as CleanedEnv<typeof sharedEnvSpec & S>;
}

export function toSharedConfig(env: CleanedEnv<typeof sharedEnvSpec>): SharedConfig {
  return {
    db: {
      host: env.MYSQL_HOST,
      port: env.MYSQL_PORT,
      user: env.MYSQL_USER,
      password: readPassword(env.MYSQL_PASSWORD, env.MYSQL_PASSWORD_FILE),
      database: env.MYSQL_DATABASE,
      sslMode: env.MYSQL_SSL_MODE,
      sslCa: env.MYSQL_SSL_CA,
      waitTimeoutS: env.DB_WAIT_TIMEOUT_S,
    },
    reportsDir: env.REPORTS_DIR,
    logLevel: env.LOG_LEVEL,
  };
}

function readPassword(password: string | undefined, file: string | undefined): string {
  if (file === undefined) return password ?? '';
  try {
    // Secrets files usually end with a newline that is not part of the password.
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new RollcallError(
      'CONFIG_INVALID',
      `Invalid configuration:\n  MYSQL_PASSWORD_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        variables: ['MYSQL_PASSWORD_FILE'],
      },
    );
  }
}

/**
 * LOG_LEVEL alone, through the same spec, for the runner's logger: it exists before the rest
 * of the configuration is read, so that a bad configuration can be logged. An invalid value
 * means the default here; readEnv then reports it with every other problem.
 */
export function readLogLevel(env: NodeJS.ProcessEnv): LogLevel {
  let invalid = false;
  const cleaned = cleanEnv(
    env,
    { LOG_LEVEL: sharedEnvSpec.LOG_LEVEL },
    {
      reporter: ({ errors }) => {
        invalid = 'LOG_LEVEL' in errors;
      },
    },
  );
  // envalid's result throws when an invalid variable is read.
  return invalid ? DEFAULT_LOG_LEVEL : cleaned.LOG_LEVEL;
}
