import { answerOf, type Answer } from '@rollcall/shared';
import { nonEmpty, parseOptions, usage, wholeNumber } from '../cli-args.ts';
import { BAD_KINDS, PEOPLE_BAD_KINDS, isBadKind, kindFractions, type BadKind } from './bad-rows.ts';
import type { GenerateOptions } from './generate.ts';
import { PLACES_CATALOG } from './places-catalog.ts';

export const USAGE = `Usage: npm run generate -- --people N --seed S --out DIR [options]

Writes DIR/places.csv, DIR/people.csv and DIR/manifest.json; the same arguments always
write the same bytes.

  --people N          people rows to write (bad rows included)
  --seed S            integer seed of the random streams
  --out DIR           output directory (created if missing; files in it are replaced)
  --places P          places to choose from the catalog, 1..${PLACES_CATALOG.length} (default: all ${PLACES_CATALOG.length})
  --bad-fraction F    fraction of people rows made bad, spread equally over the people kinds
  --bad KIND=F        fraction of rows of one kind (repeatable; overrides --bad-fraction for KIND);
                      places kinds count against the places
  --crlf              end lines with CRLF instead of LF
  --bom               start each CSV file with a UTF-8 byte order mark
  --help              print this text
  --version           print the version

Kinds: ${BAD_KINDS.join(', ')}`;

export type ParsedArgs = Answer | { kind: 'run'; options: GenerateOptions };

/** Reads the generator's command line; every mistake is a USAGE error naming the option. */
export function parseGenerateArgs(argv: readonly string[]): ParsedArgs {
  const values = parseOptions(argv, {
    people: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    places: { type: 'string' },
    'bad-fraction': { type: 'string' },
    bad: { type: 'string', multiple: true },
    crlf: { type: 'boolean', default: false },
    bom: { type: 'boolean', default: false },
  });
  const answer = answerOf(values);
  if (answer) return answer;

  const missing = (['people', 'seed', 'out'] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) throw usage(`missing ${missing.map((name) => `--${name}`).join(', ')}`);

  const badFraction = values['bad-fraction'] === undefined ? 0 : fraction('--bad-fraction', values['bad-fraction']);
  const bad: Partial<Record<BadKind, number>> = {};
  for (const entry of values.bad ?? []) {
    const [kind = '', value] = entry.split('=');
    if (!isBadKind(kind) || value === undefined) {
      throw usage(`--bad expects KIND=FRACTION with KIND one of ${BAD_KINDS.join(', ')}; got "${entry}"`);
    }
    bad[kind] = fraction(`--bad ${kind}`, value);
  }
  const fractions = kindFractions(badFraction, bad);
  const peopleTotal = PEOPLE_BAD_KINDS.reduce((sum, kind) => sum + (fractions[kind] ?? 0), 0);
  if (peopleTotal > 1 + 1e-9) throw usage(`the bad people fractions add up to ${peopleTotal}, more than 1`);

  return {
    kind: 'run',
    options: {
      people: wholeNumber('--people', values.people!, 0, Number.MAX_SAFE_INTEGER),
      seed: wholeNumber('--seed', values.seed!, 0, Number.MAX_SAFE_INTEGER),
      out: nonEmpty('--out', values.out!),
      places:
        values.places === undefined
          ? PLACES_CATALOG.length
          : wholeNumber('--places', values.places, 1, PLACES_CATALOG.length),
      badFraction,
      bad,
      crlf: values.crlf,
      bom: values.bom,
    },
  };
}

function fraction(name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw usage(`${name} must be a fraction from 0 to 1; got "${text}"`);
  }
  return value;
}
