import { describe, expect, it } from 'vitest';
import { CULTURES } from './names-catalog.ts';
import { PLACES_CATALOG } from './places-catalog.ts';

const allNames = Object.values(CULTURES).flatMap((c) => [...c.male, ...c.female, ...c.familyMale, ...c.familyFemale]);
const placeValues = PLACES_CATALOG.flatMap((p) => [p.city, p.county, p.country]);
const codePoints = (s: string) => [...s].length;

describe('places catalog', () => {
  it('holds 100 to 300 places with a unique city each, from at least ten countries', () => {
    expect(PLACES_CATALOG.length).toBeGreaterThanOrEqual(100);
    expect(PLACES_CATALOG.length).toBeLessThanOrEqual(300);
    expect(new Set(PLACES_CATALOG.map((p) => p.city)).size).toBe(PLACES_CATALOG.length);
    expect(new Set(PLACES_CATALOG.map((p) => p.country)).size).toBeGreaterThanOrEqual(10);
  });

  it('writes every value trimmed, non-empty, in NFC, within 100 characters, without quotes or line breaks', () => {
    for (const value of placeValues) {
      expect(value).toBe(value.trim());
      expect(value.length).toBeGreaterThan(0);
      expect(value).toBe(value.normalize('NFC'));
      expect(codePoints(value)).toBeLessThanOrEqual(100);
      expect(value).not.toMatch(/["\r\n\p{Cc}]/u);
    }
  });

  it('includes multi-byte scripts and a city that needs CSV quoting', () => {
    const cities = PLACES_CATALOG.map((p) => p.city);
    expect(cities).toEqual(
      expect.arrayContaining([
        'Łódź',
        'Kraków',
        'Θεσσαλονίκη',
        'Москва',
        'Київ',
        '東京',
        '北京',
        'Reykjavík',
        'İstanbul',
        'Hà Nội',
        'Washington, D.C.',
        "King's Lynn",
      ]),
    );
  });

  it('names a known culture for every place', () => {
    for (const place of PLACES_CATALOG) expect(CULTURES[place.culture], place.city).toBeDefined();
  });
});

describe('names catalog', () => {
  it('gives every culture given names for both sexes and paired family names', () => {
    for (const [name, culture] of Object.entries(CULTURES)) {
      expect(culture.male.length, name).toBeGreaterThanOrEqual(8);
      expect(culture.female.length, name).toBeGreaterThanOrEqual(8);
      expect(culture.familyFemale.length, name).toBe(culture.familyMale.length);
    }
  });

  it('writes names in NFC, trimmed, without commas, quotes, line breaks or control characters', () => {
    for (const name of allNames) {
      expect(name).toBe(name.normalize('NFC'));
      expect(name).toBe(name.trim());
      expect(name, name).not.toMatch(/[",\r\n\p{Cc}|/]/u);
      expect(codePoints(name)).toBeLessThanOrEqual(45);
    }
  });

  it('includes apostrophes, hyphens, spaces and characters outside the BMP', () => {
    expect(allNames).toEqual(
      expect.arrayContaining(["O'Brien", 'Ní Bhriain', 'Bowes-Lyon', 'Văn An', 'Jónsdóttir', 'Kowalska', '𠮷田']),
    );
    expect(allNames.some((name) => /[\u{10000}-\u{10FFFF}]/u.test(name))).toBe(true);
  });
});
