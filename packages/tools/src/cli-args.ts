import type { ParseArgsOptionsConfig } from 'node:util';
import { parseOptions as parseCommandLine, usageError } from '@rollcall/shared';

/**
 * A tool's options through the jobs' own parser (named only, plus --help and --version);
 * every mistake is a USAGE error naming the option, which optionsOrExit turns into the
 * usage text and exit 2.
 */
export function parseOptions<O extends ParseArgsOptionsConfig>(argv: readonly string[], options: O) {
  return parseCommandLine(argv, options, '');
}

/** A whole number from `min` (to `max`, when given); underscores allowed: 1_000_000. */
export function wholeNumber(name: string, text: string, min: number, max?: number): number {
  const value = Number(text.replaceAll('_', ''));
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < min || (max !== undefined && value > max)) {
    throw usage(`${name} must be a whole number from ${min}${max === undefined ? '' : ` to ${max}`}; got "${text}"`);
  }
  return value;
}

export function nonEmpty(name: string, text: string): string {
  if (text.trim() === '') throw usage(`${name} must not be empty`);
  return text;
}

export function usage(problem: string) {
  return usageError(problem, '');
}
