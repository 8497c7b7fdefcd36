/**
 * A small seeded PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counter, from PractRand),
 * seeded through splitmix32 so that nearby seeds give unrelated sequences. Math.random
 * cannot be seeded, and the generator's whole promise is "same arguments, same bytes".
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/**
 * One independent stream per purpose (`stream` names it), so that e.g. asking for bad rows
 * does not change the valid rows around them.
 */
export function createRandom(seed: number, stream: string): Random {
  let h = Math.floor(seed / 0x1_0000_0000) ^ splitmix32(seed >>> 0);
  for (let i = 0; i < stream.length; i++) h = splitmix32(h ^ stream.charCodeAt(i));
  let a = splitmix32(h);
  let b = splitmix32(a);
  let c = splitmix32(b);
  let d = 1;
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32(); // warm up: the first outputs of sfc32 are weak
  const next = (): number => nextUint32() / 0x1_0000_0000;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
