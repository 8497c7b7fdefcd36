import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * resvg draws text only with the fonts it is given, and picks a fallback for a missing glyph
 * from those alone: Noto Sans (Latin with Vietnamese and Irish marks, Greek, Cyrillic), Noto
 * Sans CJK (Han, kana, Hangul, including ideographs outside the BMP), one Noto font per other
 * script that profile.ts names, DejaVu last. On Debian: fonts-noto-core, fonts-noto-cjk,
 * fonts-dejavu-core. (Loading whole font folders instead is ten times slower and lets a
 * font with few CJK glyphs win the fallback.)
 */
const NOTO = '/usr/share/fonts/truetype/noto';
const OTHER_SCRIPTS = [
  'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati',
  'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Mongolian', 'Ethiopic',
  'Cherokee', 'Tifinagh', 'Runic', 'Ogham',
];
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

/** A vega-lite chart as PNG bytes, drawn at twice its size for sharp text. */
export async function renderPng(spec: TopLevelSpec): Promise<Uint8Array> {
  const vegaSpec = compile({ ...spec, config: { ...CONFIG, ...spec.config } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  try {
    const svg = await view.toSVG(2);
    return new Resvg(svg, { font: fontOptions() }).render().asPng();
  } finally {
    view.finalize();
  }
}

/** Renders the chart, saves it as PNG at `path` and shows it in the notebook. */
export async function showChart(spec: TopLevelSpec, path: string): Promise<void> {
  const png = await renderPng(spec);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, png);
  await Deno.jupyter.display(Deno.jupyter.image(png));
}
