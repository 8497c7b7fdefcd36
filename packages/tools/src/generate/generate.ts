import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { makeFolder } from '@rollcall/shared';
import {
  PEOPLE_BAD_KINDS,
  PLACES_BAD_KINDS,
  badCounts,
  createBadRowPicker,
  kindFractions,
  type BadKind,
} from './bad-rows.ts';
import { INVALID_UTF8_MARK, corruptPerson } from './corrupt-person.ts';
import {
  commandFor,
  emptyBadRows,
  formatManifest,
  recordLine,
  summarize,
  type GeneratorArguments,
  type Manifest,
} from './manifest.ts';
import { createPersonMaker } from './person.ts';
import { PLACES_CATALOG } from './places-catalog.ts';
import { planPlaces, type PlacesPlan } from './places-plan.ts';
import { createRandom } from './random.ts';
import { csvField, csvRecord, openCsvSink, partialPath, type CsvSink, type WrittenFile } from './write-csv.ts';

export interface GenerateOptions extends GeneratorArguments {
  out: string;
}

export interface GenerateHooks {
  signal?: AbortSignal;
  /** Called every `progressEvery` people rows. */
  onProgress?: (rowsWritten: number) => void;
  progressEvery?: number;
}

const PLACES_HEADER = ['city', 'county', 'country'];
const PEOPLE_HEADER = ['given_name', 'family_name', 'date_of_birth', 'place_of_birth'];

const FILES = ['places.csv', 'people.csv', 'manifest.json'];

/**
 * Writes OUT/places.csv, OUT/people.csv and OUT/manifest.json. Each concern draws from its
 * own random stream (places, people, bad rows), so bad rows replace valid ones in place
 * without changing the rows around them. The three files are written under .partial names
 * and renamed together at the end: a failed or interrupted run leaves the previous set whole.
 */
export async function generate(options: GenerateOptions, hooks: GenerateHooks = {}): Promise<Manifest> {
  await makeFolder(options.out);
  const paths = FILES.map((file) => join(options.out, file));
  try {
    const manifest = await writeAll(options, hooks);
    for (const path of paths) await rename(partialPath(path), path);
    return manifest;
  } finally {
    await Promise.all(paths.map((path) => rm(partialPath(path), { force: true })));
  }
}

async function writeAll(options: GenerateOptions, hooks: GenerateHooks): Promise<Manifest> {
  const eol = options.crlf ? '\r\n' : '\n';

  const fractions = kindFractions(options.badFraction, options.bad);
  const placeCounts = badCounts(options.places, PLACES_BAD_KINDS, fractions);
  const plan = planPlaces(
    PLACES_CATALOG,
    {
      places: options.places,
      duplicates: placeCounts['duplicate-place'],
      conflicts: placeCounts['conflicting-place'],
    },
    createRandom(options.seed, 'places'),
  );
  const placesBad = emptyBadRows(PLACES_BAD_KINDS);
  plan.rows.forEach((row, i) => {
    if (row.kind !== 'place') recordLine(placesBad[row.kind], i + 2);
  });
  const placesFile = await writePlaces(join(options.out, 'places.csv'), plan, eol, options.bom, hooks.signal);

  const people = await writePeople(join(options.out, 'people.csv'), plan, options, fractions, eol, hooks);
  const rejected = Object.values(people.bad).reduce((sum, kind) => sum + kind.count, 0);

  const manifest: Manifest = {
    generator: '@rollcall/tools generate',
    command: commandFor(options, PLACES_CATALOG.length),
    seed: options.seed,
    arguments: {
      people: options.people,
      seed: options.seed,
      places: options.places,
      badFraction: options.badFraction,
      bad: options.bad,
      crlf: options.crlf,
      bom: options.bom,
    },
    places: { file: 'places.csv', ...placesFile, rows: plan.rows.length, unique: plan.places.length, bad: placesBad },
    people: {
      file: 'people.csv',
      ...people.file,
      rows: options.people,
      valid: options.people - rejected,
      bad: people.bad,
    },
    expected: {
      places: {
        loaded: plan.places.length,
        duplicates: placesBad['duplicate-place'].count,
        rejected: placesBad['conflicting-place'].count,
      },
      people: { loaded: options.people - rejected, rejected },
      summary: summarize(
        plan.places.map((p) => p.country),
        people.bornPerPlace,
      ),
    },
  };
  await writeFile(partialPath(join(options.out, 'manifest.json')), formatManifest(manifest));
  return manifest;
}

async function writePlaces(path: string, plan: PlacesPlan, eol: string, bom: boolean, signal?: AbortSignal) {
  const sink = openCsvSink(path, { bom, signal });
  const rows = plan.rows.map((row) => [row.city, row.county, row.country]);
  sink.write(stringify([PLACES_HEADER, ...rows], { record_delimiter: eol }));
  return closeOrAbort(sink, async () => undefined, signal);
}

async function writePeople(
  path: string,
  plan: PlacesPlan,
  options: GenerateOptions,
  fractions: Partial<Record<BadKind, number>>,
  eol: string,
  hooks: GenerateHooks,
) {
  const makePerson = createPersonMaker(plan.places, plan.weights, createRandom(options.seed, 'people'));
  const badRandom = createRandom(options.seed, 'bad-rows');
  const counts = badCounts(options.people, PEOPLE_BAD_KINDS, fractions);
  const nextBadKind = createBadRowPicker(options.people, counts, badRandom);
  const cities = plan.places.map((place) => csvField(place.city));
  const bornPerPlace = new Float64Array(plan.places.length);
  const bad = emptyBadRows(PEOPLE_BAD_KINDS);
  const progressEvery = hooks.progressEvery ?? 1_000_000;

  const sink = openCsvSink(path, { bom: options.bom, signal: hooks.signal });
  const file = await closeOrAbort(
    sink,
    async () => {
      let full = sink.write(csvRecord(PEOPLE_HEADER, eol));
      for (let i = 0; i < options.people; i++) {
        if (full) {
          await sink.flush();
          full = false;
        }
        const person = makePerson();
        const kind = nextBadKind();
        if (kind === undefined) {
          bornPerPlace[person.place]!++;
          const { given, family, date, place } = person;
          full = sink.write(`${csvField(given)},${csvField(family)},${date},${cities[place]}${eol}`);
        } else {
          recordLine(bad[kind], i + 2);
          const fields = [person.given, person.family, person.date, plan.places[person.place]!.city];
          const row = corruptPerson(kind, fields, badRandom);
          const [before, after] = csvRecord(row.fields, eol).split(INVALID_UTF8_MARK);
          full = sink.write(before!);
          if (row.invalidBytes) {
            sink.writeBytes(row.invalidBytes);
            full = sink.write(after!);
          }
        }
        if ((i + 1) % progressEvery === 0) hooks.onProgress?.(i + 1);
      }
    },
    hooks.signal,
  );
  return { file, bad, bornPerPlace };
}

/** Runs `body`, then closes the sink; on failure drops the partial file and rethrows (the abort reason, if aborted). */
async function closeOrAbort(sink: CsvSink, body: () => Promise<void>, signal?: AbortSignal): Promise<WrittenFile> {
  try {
    await body();
    return await sink.close();
  } catch (err) {
    await sink.abort();
    throw signal?.aborted ? signal.reason : err;
  }
}
