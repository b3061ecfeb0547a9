/**
 * The fonts embedded in every PDF: Be Vietnam Pro (SIL Open Font License 1.1,
 * from @expo-google-fonts/be-vietnam-pro), Regular, Bold, Italic and Bold
 * Italic. It has every precomposed Vietnamese letter, so NFC text renders and
 * extracts (pdftotext) intact.
 *
 * Decisions: the TTF files are read once per process, lazily. pdfkit parses a
 * buffer with fontkit for every document, and decoding Be Vietnam Pro's
 * layout tables costs tens of milliseconds each time; pdfkit also accepts an
 * already parsed fontkit font (PDFFontFactory.open takes any object with a
 * `layout` function), so the fonts parsed for the first document are kept
 * (`rememberParsedFont`) and handed to the next ones. A parsed font is only
 * read by later documents (each one makes its own subset, so the PDF carries
 * only the glyphs it uses), and so is the shaping of words (see
 * `sharedLayoutCache`). Should pdfkit's internals change, the buffers are
 * used again: slower, same output. Decree 30/2020 asks for
 * Times New Roman, which is not free to redistribute; Be Vietnam Pro is the
 * open font this project chose (LIBRARIES.md).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const FONT_NAMES = ['regular', 'bold', 'italic', 'boldItalic'] as const;
export type FontName = (typeof FONT_NAMES)[number];

const FILES: Record<FontName, string> = {
  regular: '400Regular/BeVietnamPro_400Regular.ttf',
  bold: '700Bold/BeVietnamPro_700Bold.ttf',
  italic: '400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/BeVietnamPro_700Bold_Italic.ttf',
};

const PACKAGE = '@expo-google-fonts/be-vietnam-pro';

let cache: Readonly<Record<FontName, Buffer>> | undefined;

/** The four font files, read on first use and kept for the life of the process. */
export function fontBuffers(): Readonly<Record<FontName, Buffer>> {
  if (!cache) {
    const require = createRequire(import.meta.url);
    const read = (name: FontName): Buffer =>
      // The path is built from this module's constants (a fixed package and file name), never from input.
      // eslint-disable-next-line security/detect-non-literal-fs-filename
      readFileSync(require.resolve(`${PACKAGE}/${FILES[name]}`));
    cache = Object.freeze({ regular: read('regular'), bold: read('bold'), italic: read('italic'), boldItalic: read('boldItalic') });
  }
  return cache;
}

/** What pdfkit's `registerFont` is given: the file, or the fontkit font parsed from it for an earlier document. */
export type FontSource = Buffer;

const parsed = new Map<FontName, FontSource>();

/** The source to register for `name`: the parsed font when one is known, else the file's bytes. */
export function fontSource(name: FontName): FontSource {
  return parsed.get(name) ?? fontBuffers()[name];
}

/**
 * Keeps the fontkit font pdfkit parsed for `name` in `doc` (call it after `doc.font(name)`), when it
 * looks like one. It is typed as a Buffer only because that is what @types/pdfkit lets `registerFont` take.
 */
export function rememberParsedFont(name: FontName, doc: PDFKit.PDFDocument): void {
  const embedded = (doc as unknown as { _font?: EmbeddedFontInternals })._font;
  if (!embedded) return;
  const known = parsed.get(name);
  if (!known) {
    if (typeof embedded.font?.layout === 'function') parsed.set(name, embedded.font as unknown as FontSource);
    return;
  }
  // Same parsed font: the word layouts of earlier documents hold for this one too.
  if (embedded.font === (known as unknown) && typeof embedded.layoutCache === 'object' && embedded.layoutCache !== null) {
    embedded.layoutCache = sharedLayoutCache(name);
  }
}

/** What is read of pdfkit's EmbeddedFont (js/pdfkit.js): the fontkit font and its per-document word layout cache. */
interface EmbeddedFontInternals {
  font?: { layout?: unknown };
  layoutCache?: Record<string, unknown> | null;
}

/**
 * pdfkit caches the shaping of each word per document; the cache is shared between the documents
 * using the same parsed font (a cached layout is never modified: pdfkit copies a position before
 * adding word spacing). It holds words from citizens' data too, so it is dropped when it grows
 * past MAX_CACHED_WORDS, which keeps memory bounded (a few MB).
 */
const MAX_CACHED_WORDS = 20_000;
const layoutCaches = new Map<FontName, { words: Record<string, unknown>; documents: number }>();

function sharedLayoutCache(name: FontName): Record<string, unknown> {
  let cache = layoutCaches.get(name);
  // Counting the keys costs little next to a render; checked every 50 documents.
  if (cache && ++cache.documents % 50 === 0 && Object.keys(cache.words).length > MAX_CACHED_WORDS) cache = undefined;
  if (!cache) {
    cache = { words: Object.create(null) as Record<string, unknown>, documents: 0 };
    layoutCaches.set(name, cache);
  }
  return cache.words;
}
