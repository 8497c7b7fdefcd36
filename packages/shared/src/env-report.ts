import { readFileSync } from 'node:fs';
import { EnvMissingError } from 'envalid';
import { RollcallError } from './errors.ts';

interface SpecInfo {
  desc?: string | undefined;
  example?: string | undefined;
  default?: unknown;
  choices?: readonly unknown[] | undefined;
}

/** One problem with one variable: what is wrong, then how to fix it. */
export interface EnvProblem {
  name: string;
  problem: string;
  fix: string;
}

/** Turns envalid's errors into problems that say what is wrong and how to fix it. */
export function problemsOf(
  errors: Partial<Record<string, Error>>,
  specs: Record<string, SpecInfo>,
  env: NodeJS.ProcessEnv,
): EnvProblem[] {
  return Object.entries(errors).map(([name, err]) => {
    const spec = specs[name] ?? {};
    const raw = env[name];
    if (err instanceof EnvMissingError) return { name, problem: 'not set', fix: fixFor(name, spec) };
    if (raw !== undefined && raw.trim() === '') return { name, problem: 'empty', fix: fixFor(name, spec) };
    if (spec.choices) {
      return {
        name,
        problem: `"${shorten(raw ?? '')}" is not one of ${spec.choices.join(', ')}`,
        fix: fixFor(name, spec),
      };
    }
    return { name, problem: err?.message ?? 'invalid', fix: fixFor(name, spec) };
  });
}

/**
 * The problems envalid cannot see, because they concern two variables or a file: no
 * password at all, a file that cannot be read, a CA that verify_* needs.
 */
export function crossProblems(env: NodeJS.ProcessEnv): EnvProblem[] {
  const problems: EnvProblem[] = [];
  if (env.MYSQL_PASSWORD === undefined && env.MYSQL_PASSWORD_FILE === undefined) {
    problems.push({
      name: 'MYSQL_PASSWORD',
      problem: 'not set',
      fix: 'set MYSQL_PASSWORD to the password, or MYSQL_PASSWORD_FILE to a file holding it',
    });
  }
  for (const name of ['MYSQL_PASSWORD_FILE', 'MYSQL_SSL_CA']) {
    const path = env[name];
    if (path === undefined || path.trim() === '') continue;
    const reason = unreadable(path);
    if (reason)
      problems.push({
        name,
        problem: `unreadable file: ${path} (${reason})`,
        fix: `make ${path} readable by uid ${process.getuid?.() ?? '?'}, or point ${name} at a readable file`,
      });
  }
  const mode = env.MYSQL_SSL_MODE;
  if ((mode === 'verify_ca' || mode === 'verify_identity') && (env.MYSQL_SSL_CA ?? '').trim() === '') {
    problems.push({
      name: 'MYSQL_SSL_CA',
      problem: `not set, and MYSQL_SSL_MODE=${mode} needs it`,
      fix: 'set MYSQL_SSL_CA to the PEM file of the CA that signed the server certificate',
    });
  }
  return problems;
}

/** The one configuration message: every problem, each with its fix. */
export function configError(problems: readonly EnvProblem[]): RollcallError {
  const lines = problems.map(({ name, problem, fix }) => `  ${name}: ${problem}; ${fix}`);
  return new RollcallError(
    'CONFIG_INVALID',
    `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}; see docs/configuration.md):\n${lines.join('\n')}`,
    { variables: [...new Set(problems.map((p) => p.name))] },
  );
}

function fixFor(name: string, spec: SpecInfo): string {
  const example =
    spec.example ??
    (spec.default === undefined ? (spec.choices ? String(spec.choices[0]) : undefined) : String(spec.default));
  const what = spec.desc ? ` to ${lowerFirst(spec.desc)}` : '';
  return `set ${name}${what}${example === undefined ? '' : `, e.g. ${name}=${example}`}`;
}

function unreadable(path: string): string | undefined {
  try {
    readFileSync(path);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function shorten(input: string): string {
  return input.length > 40 ? `${input.slice(0, 40)}...` : input;
}
