import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase, deadPid } from '@rollcall/testkit';
import { dataset, loadInto, PEOPLE_CSV, PLACES_CSV } from './testing/datasets.ts';

describe('temporary files left by loads killed hard', () => {
  const t = useTestDatabase('leftovers');

  it('are removed by the next load when their process is gone; those of live processes are kept', async () => {
    const data = dataset(PLACES_CSV, PEOPLE_CSV);
    const rejects = join(data.reports, 'rejects');
    mkdirSync(rejects, { recursive: true });
    const dead = `people.csv.rejects.csv.${deadPid()}.tmp`;
    const live = `places.csv.rejects.csv.${process.ppid}.tmp`;
    writeFileSync(join(rejects, dead), 'line,code,reason\n');
    writeFileSync(join(rejects, live), 'line,code,reason\n');

    await loadInto(t, data);
    expect(readdirSync(rejects).sort()).toEqual([live, 'people.csv.rejects.csv', 'places.csv.rejects.csv'].sort());
  });
});
