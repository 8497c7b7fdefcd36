import { EnvError, makeValidator } from 'envalid';

/*
 * Validators for the settings envalid's own do not bound. Each throws an EnvError whose
 * message says what is wrong with the value; the configuration message (env-report.ts)
 * adds the variable's name and how to fix it.
 */

/** A string that must hold something: MYSQL_USER= (empty) is a mistake, not an account. */
export const text = makeValidator<string>((input) => {
  if (input.trim() === '') throw new EnvError('empty');
  return input;
});

/** A number from `min` to `max`; `whole` also refuses fractions. */
export function numberIn(min: number, max: number, { whole = false }: { whole?: boolean } = {}) {
  return makeValidator<number>((input) => {
    if (input.trim() === '') throw new EnvError('empty');
    const value = Number(input);
    if (!Number.isFinite(value)) throw new EnvError(`not a number: "${shorten(input)}"`);
    if (whole && !Number.isInteger(value)) throw new EnvError(`not a whole number: "${shorten(input)}"`);
    if (value < min || value > max) throw new EnvError(`out of range: ${shorten(input)} is not from ${min} to ${max}`);
    return value;
  });
}

function shorten(input: string): string {
  return input.length > 40 ? `${input.slice(0, 40)}...` : input;
}
