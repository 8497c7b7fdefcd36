import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { SCRIPTS } from './profile.ts';

/**
 * resvg draws text only with the fonts it is given, and picks a fallback for a missing glyph
 * from those alone: Noto Sans (Latin with Vietnamese and Irish marks, Greek, Cyrillic), Noto
 * Sans CJK (Han, kana, Hangul, including ideographs outside the BMP), one Noto font per other
 * script that profile.ts names, DejaVu last. On Debian: fonts-noto-core, fonts-noto-cjk,
 * fonts-dejavu-core. (Loading whole font folders instead is ten times slower and lets a
 * font with few CJK glyphs win the fallback.)
 */
const NOTO = '/usr/share/fonts/truetype/noto';
/** Scripts drawn by the fonts named below (Noto Sans, Noto Sans CJK, Noto Serif Tibetan). */
const COVERED_SCRIPTS = new Set(['Latin', 'Greek', 'Cyrillic', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Tibetan']);
const OTHER_SCRIPTS = SCRIPTS.filter((script) => !COVERED_SCRIPTS.has(script));
const FONT_FILES = [
  `${NOTO}/NotoSans-Regular.ttf`,
  `${NOTO}/NotoSans-Bold.ttf`,
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  ...OTHER_SCRIPTS.map((script) => `${NOTO}/NotoSans${script}-Regular.ttf`),
  `${NOTO}/NotoSerifTibetan-Regular.ttf`,
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
];
const FONT_FAMILY = 'Noto Sans';

/**
 * Colours for a category with up to 20 values: vega's tableau10, then ten lighter tones from
 * tableau20 (whose own order pairs each colour with its lighter twin, so that neighbouring
 * categories look alike).
 */
export const PALETTE = [
  '#4c78a8',
  '#f58518',
  '#e45756',
  '#72b7b2',
  '#54a24b',
  '#eeca3b',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
  '#9ecae9',
  '#ffbf79',
  '#88d27a',
  '#b79a20',
  '#83bcb6',
  '#ff9d98',
  '#79706e',
  '#d67195',
  '#d6a5c9',
  '#d8b5a5',
];

/** The house look: one font, titles and axis titles large enough to read in a README. */
const CONFIG = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 12,
  title: { fontSize: 16, anchor: 'start', subtitleFontSize: 12, subtitleColor: '#555' },
  axis: { labelFontSize: 12, titleFontSize: 13, labelLimit: 220 },
  legend: { labelFontSize: 12, titleFontSize: 13, labelLimit: 220 },
} as const;

function fontOptions(): { fontFiles: string[]; loadSystemFonts: boolean; defaultFontFamily: string } {
  const fontFiles = FONT_FILES.filter((path) => existsSync(path));
  // Elsewhere than Debian, fall back to the system's fonts (names may then lack glyphs).
  return { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: FONT_FAMILY };
}

/** Fonts found for the charts, to say in the notebook what the PNGs were drawn with. */
export function chartFonts(): string[] {
  return fontOptions().fontFiles;
}

/** A vega-lite chart as SVG, in the house look. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vegaSpec = compile({ ...spec, config: { ...CONFIG, ...spec.config } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG to PNG bytes at `zoom` times its size. */
export function toPng(svg: string, zoom = 1): Uint8Array {
  return new Resvg(svg, { font: fontOptions(), fitTo: { mode: 'zoom', value: zoom } }).render().asPng();
}

/**
 * Renders the chart, saves it as PNG at `path` at twice its size (sharp in a README), and
 * shows it in the notebook at its own size (a third of the bytes in the saved notebook).
 */
export async function showChart(spec: TopLevelSpec, path: string): Promise<void> {
  const svg = await renderSvg(spec);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, toPng(svg, 2));
  await Deno.jupyter.display(Deno.jupyter.image(toPng(svg)));
}
