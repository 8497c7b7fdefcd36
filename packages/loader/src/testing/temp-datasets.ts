import { rm } from 'node:fs/promises';
import { afterAll } from 'vitest';
import { dataset } from './datasets.ts';

/**
 * dataset(), with every folder it makes removed after the test file: call once at the top
 * of a test file (it registers the afterAll hook) and use what it returns instead.
 */
export function datasetsRemovedAfterAll(): typeof dataset {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return (places, people) => {
    const made = dataset(places, people);
    dirs.push(made.dir);
    return made;
  };
}
