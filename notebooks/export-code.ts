/**
 * Writes the code cells of a notebook, in order, as one TypeScript module for `deno check`:
 * the Deno kernel runs cells without type-checking them. Cells share one scope in the kernel
 * as in the module, so a name declared twice fails here too.
 *
 * Usage: deno run --allow-read --allow-write export-code.ts eda.ipynb .eda.code.ts
 */
interface Notebook {
  cells: { cell_type: string; source: string | string[] }[];
}

const [input, output] = Deno.args;
if (!input || !output) throw new Error('usage: export-code.ts <notebook.ipynb> <out.ts>');
const notebook = JSON.parse(await Deno.readTextFile(input)) as Notebook;
const cells = notebook.cells
  .map((cell, index) => ({ ...cell, index }))
  .filter((cell) => cell.cell_type === 'code')
  .map((cell) => `// --- cell ${cell.index + 1} ---\n${[cell.source].flat().join('')}\n`);
await Deno.writeTextFile(output, `// Generated from ${input} by export-code.ts; do not edit.\n${cells.join('\n')}`);
