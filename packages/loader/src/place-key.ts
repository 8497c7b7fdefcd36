/**
 * The key under which the database itself compares cities. utf8mb4_bin is a PAD SPACE
 * collation in MySQL 8 and MariaDB alike: 'Kelso' = 'Kelso ', so the unique index on
 * places.city treats them as one city, and so must the loader's lookup.
 */
export function placeKey(value: string): string {
  return value.charCodeAt(value.length - 1) === 0x20 ? value.replace(/ +$/, '') : value;
}
