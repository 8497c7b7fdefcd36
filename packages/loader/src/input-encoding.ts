/**
 * The encoding of a file that is not UTF-8 but can be recognised from its first bytes:
 * UTF-32 and UTF-16 by their byte order marks, and UTF-16 without one by its NUL bytes (a
 * header of ASCII names in UTF-16 has a NUL in every other byte). Undefined for anything
 * else: other bytes are checked as UTF-8 row by row.
 */
export function foreignEncoding(head: Uint8Array): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, at) => head[at] === byte);
  // UTF-32LE's mark begins with UTF-16LE's: test it first.
  if (starts(0xff, 0xfe, 0x00, 0x00)) return 'UTF-32LE';
  if (starts(0x00, 0x00, 0xfe, 0xff)) return 'UTF-32BE';
  if (starts(0xff, 0xfe)) return 'UTF-16LE';
  if (starts(0xfe, 0xff)) return 'UTF-16BE';
  return utf16WithoutMark(head.subarray(0, 256));
}

function utf16WithoutMark(head: Uint8Array): string | undefined {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 4) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let at = 0; at < pairs * 2; at += 2) {
    if (head[at] === 0) evenNuls++;
    if (head[at + 1] === 0) oddNuls++;
  }
  // Mostly ASCII text: nearly every high byte is NUL and no low byte is.
  if (oddNuls >= pairs * 0.9 && evenNuls === 0) return 'UTF-16LE';
  if (evenNuls >= pairs * 0.9 && oddNuls === 0) return 'UTF-16BE';
  return undefined;
}
