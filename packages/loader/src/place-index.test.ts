import { describe, expect, it } from 'vitest';
import { PlaceIndex } from './place-index.ts';
import type { PlaceRow } from './to-row.ts';

const place = (city: string, county = 'Roxburghshire', country = 'Scotland'): PlaceRow => ({ city, county, country });

describe('PlaceIndex', () => {
  it('gives ids 1..N in file order', () => {
    const index = new PlaceIndex();
    expect(index.add(place('Kelso'), 2)).toEqual({ kind: 'added', id: 1 });
    expect(index.add(place('Łódź', 'łódzkie', 'Polska'), 3)).toEqual({ kind: 'added', id: 2 });
    expect(index.add(place('Zürich', 'Zürich', 'Schweiz'), 7)).toEqual({ kind: 'added', id: 3 });
    expect([...index.ids]).toEqual([
      ['Kelso', 1],
      ['Łódź', 2],
      ['Zürich', 3],
    ]);
    expect(index.size).toBe(3);
  });

  it('drops an identical repeated row as a duplicate of the first line', () => {
    const index = new PlaceIndex();
    index.add(place('Kelso'), 2);
    index.add(place('Jedburgh'), 3);
    expect(index.add(place('Kelso'), 9)).toEqual({ kind: 'duplicate', firstLine: 2 });
    expect(index.add(place('Kelso'), 10)).toEqual({ kind: 'duplicate', firstLine: 2 });
    expect(index.size).toBe(2);
    expect(index.ids.get('Kelso')).toBe(1);
  });

  it.each([
    ['a different county', place('Kelso', 'Northumberland'), 'Northumberland'],
    ['a different country', place('Kelso', 'Roxburghshire', 'England'), 'England'],
    ['a county differing only in case', place('Kelso', 'roxburghshire'), 'roxburghshire'],
  ])('reports the same city with %s as a conflict naming both lines and both values', (_name, row, differing) => {
    const index = new PlaceIndex();
    index.add(place('Kelso'), 2);
    const outcome = index.add(row, 5);
    expect(outcome.kind).toBe('conflict');
    if (outcome.kind !== 'conflict') return;
    expect(outcome.reject.code).toBe('PLACE_CONFLICT');
    expect(outcome.reject.reason).toMatch(/"Kelso"/);
    expect(outcome.reject.reason).toMatch(/line 2\b/);
    expect(outcome.reject.reason).toMatch(/"Roxburghshire"/);
    expect(outcome.reject.reason).toMatch(/"Scotland"/);
    expect(outcome.reject.reason).toContain(`"${differing}"`);
  });

  it('keeps the first row of a conflicting city and gives the next city the next id', () => {
    const index = new PlaceIndex();
    index.add(place('Kelso'), 2);
    expect(index.add(place('Kelso', 'Northumberland', 'England'), 3).kind).toBe('conflict');
    expect(index.add(place('Kelso'), 4)).toEqual({ kind: 'duplicate', firstLine: 2 });
    expect(index.add(place('Jedburgh'), 5)).toEqual({ kind: 'added', id: 2 });
    expect(index.ids.get('Kelso')).toBe(1);
  });

  it.each([
    ['case', 'kelso', 'Kelso'],
    ['accents', 'Zurich', 'Zürich'],
    ['Unicode normalisation (NFD vs NFC)', 'Zu\u0308rich', 'Z\u00fcrich'],
    ['a leading space', ' Kelso', 'Kelso'],
  ])('tells cities apart by %s, as utf8mb4_bin does', (_name, a, b) => {
    const index = new PlaceIndex();
    expect(index.add(place(b), 2)).toEqual({ kind: 'added', id: 1 });
    expect(index.add(place(a), 3)).toEqual({ kind: 'added', id: 2 });
  });

  // utf8mb4_bin is a PAD SPACE collation in MariaDB and MySQL 8: 'Kelso' = 'Kelso ', so the
  // unique key on places.city refuses the second row and the whole load fails (exit 1).
  it('does not add a city that differs from an earlier one only by trailing spaces as a new place', () => {
    const index = new PlaceIndex();
    index.add(place('Kelso'), 2);
    expect(index.add(place('Kelso '), 3).kind).not.toBe('added');
    expect(index.add(place('Kelso  ', 'Northumberland'), 4).kind).not.toBe('added');
  });
});
