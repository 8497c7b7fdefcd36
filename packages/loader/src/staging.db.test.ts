import { describe, expect, it } from 'vitest';
import { createPeopleCountsTable, createPeopleTable, createPlacesTable } from '@rollcall/shared';
import { statementsOf, tableNames, useTestDatabase } from '@rollcall/testkit';
import { prepareStaging } from './staging.ts';

describe('prepareStaging', () => {
  const t = useTestDatabase('staging', { each: true });

  it('drops the staging and old tables a killed load left, and makes empty staging tables', async () => {
    await prepareStaging(t.db);
    await t.db('places_next').insert({ id: 1, city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' });
    await t.db('people_next').insert({
      id: 1,
      given_name: 'Ann',
      family_name: 'Hume',
      date_of_birth: '1901-02-03',
      place_id: 1,
    });
    await t.db.raw(createPlacesTable('places_old'));
    await t.db.raw(createPeopleTable('people_old', 'places_old'));
    await t.db.raw(createPeopleCountsTable('people_counts_old', 'places_old'));
    await t.db('people_counts_next').insert({ place_id: 1, decade: 1900, people: 1 });

    await prepareStaging(t.db);
    expect(await tableNames(t.db)).toEqual(['people_counts_next', 'people_next', 'places_next']);
    expect(await t.db('places_next').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await t.db('people_next').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await t.db('people_counts_next').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('sends no DROP where no load left anything behind', async () => {
    const sent = await statementsOf(t.db, () => prepareStaging(t.db));
    expect(sent.filter((sql) => /^DROP/i.test(sql))).toEqual([]);
    expect(await tableNames(t.db)).toEqual(['people_counts_next', 'people_next', 'places_next']);
  });
});
