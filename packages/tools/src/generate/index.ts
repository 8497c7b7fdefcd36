// What other packages' tests use of the generator: a seeded dataset and its manifest.
export { generate } from './generate.ts';
export type { Manifest } from './manifest.ts';
