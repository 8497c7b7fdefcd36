import { readFileSync } from 'node:fs';
import { cleanEnv, host, num, port, str, type CleanedEnv, type ValidatorSpec } from 'envalid';
import { RollcallError } from './errors.ts';

/**
 * The configuration contract shared by both jobs. These names are public: the stack,
 * the docs and outside checks use them, so renaming one is a breaking change.
 */
export const sharedEnvSpec = {
  MYSQL_HOST: host({ desc: 'Database server host name or address', example: '127.0.0.1' }),
  MYSQL_PORT: port({ default: 3306, desc: 'Database server TCP port' }),
  MYSQL_USER: str({ desc: 'Database account name', example: 'rollcall' }),
  MYSQL_PASSWORD: str({ default: undefined, desc: 'Database password (or use MYSQL_PASSWORD_FILE)' }),
  MYSQL_PASSWORD_FILE: str({ default: undefined, desc: 'File holding the database password, e.g. a Docker secret' }),
  MYSQL_DATABASE: str({ desc: 'Database (schema) name', example: 'rollcall' }),
  MYSQL_SSL_MODE: str({
    default: 'preferred',
    choices: ['disabled', 'preferred', 'required', 'verify_ca', 'verify_identity'],
    desc: 'TLS to the database: required refuses plain connections; verify_* also check the certificate',
  }),
  MYSQL_SSL_CA: str({ default: undefined, desc: 'PEM file of the CA that signed the server certificate' }),
  REPORTS_DIR: str({ default: 'reports', desc: 'Folder for reports and reject files' }),
  DB_WAIT_TIMEOUT_S: num({ default: 60, desc: 'Seconds to wait for the database at start-up' }),
  LOG_LEVEL: str({
    default: 'info',
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    desc: 'Log level',
  }),
} as const;

export type SslMode = 'disabled' | 'preferred' | 'required' | 'verify_ca' | 'verify_identity';

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
  logLevel: string;
}

/**
 * Validates `env` against the shared spec plus a job's own spec and reports every
 * problem in one message (envalid's default reporter exits the process; we throw so
 * that main.ts decides the exit code).
 */
export function readEnv<S extends Record<string, ValidatorSpec<unknown>>>(
  env: NodeJS.ProcessEnv,
  jobSpec: S,
): CleanedEnv<typeof sharedEnvSpec & S> {
  const cleaned = cleanEnv(env, { ...sharedEnvSpec, ...jobSpec }, {
    reporter: ({ errors }) => {
      const problems = Object.entries(errors).map(([name, err]) => `  ${name}: ${describe(err)}`);
      if (problems.length > 0) {
        throw new RollcallError('CONFIG_INVALID', `Invalid configuration:\n${problems.join('\n')}`, {
          variables: Object.keys(errors),
        });
      }
    },
  });
  if (cleaned.MYSQL_PASSWORD === undefined && cleaned.MYSQL_PASSWORD_FILE === undefined) {
    throw new RollcallError(
      'CONFIG_INVALID',
      'Invalid configuration:\n  MYSQL_PASSWORD: set MYSQL_PASSWORD or MYSQL_PASSWORD_FILE',
      { variables: ['MYSQL_PASSWORD', 'MYSQL_PASSWORD_FILE'] },
    );
  }
  return cleaned as CleanedEnv<typeof sharedEnvSpec & S>;
}

function describe(err: Error | undefined): string {
  const message = err?.message ?? 'invalid';
  // envalid words a missing variable as 'Missing value for NAME'; the name is already shown.
  return /^Missing/.test(message) ? 'is required but not set' : message;
}

export function toSharedConfig(env: CleanedEnv<typeof sharedEnvSpec>): SharedConfig {
  return {
    db: {
      host: env.MYSQL_HOST,
      port: env.MYSQL_PORT,
      user: env.MYSQL_USER,
      password: readPassword(env.MYSQL_PASSWORD, env.MYSQL_PASSWORD_FILE),
      database: env.MYSQL_DATABASE,
      sslMode: env.MYSQL_SSL_MODE as SslMode,
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
    throw new RollcallError('CONFIG_INVALID', `Invalid configuration:\n  MYSQL_PASSWORD_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, {
      variables: ['MYSQL_PASSWORD_FILE'],
    });
  }
}
