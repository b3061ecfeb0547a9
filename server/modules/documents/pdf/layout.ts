/**
 * The common frame of a Vietnamese official document, drawn with pdfkit from
 * plain data (`DocumentSpec` → PDF bytes). No I/O besides the fonts read once
 * per process (fonts.ts); no clock.
 *
 * Layout (Decree 30/2020/NĐ-CP, Appendix I, adapted):
 * - A4 portrait (landscape on request, for wide tables such as the periodic
 *   report); margins top 20 mm, bottom 20 mm, left 30 mm, right 20 mm.
 * - Page 1 only: top left the issuing authority (parent unit in capitals, the
 *   unit in bold capitals, a short rule under it) and "Số: …" under it; top
 *   right the national motto in bold capitals, "Độc lập - Tự do - Hạnh phúc"
 *   in bold with a rule its length under it, and the italic place-and-date
 *   line. Then the title in bold capitals, centred, and an optional subtitle.
 * - Body blocks: paragraphs (justified, first line indented 1 cm), lists,
 *   label/value lines, tables with wrapped cells whose header row is repeated
 *   on every page they run onto, signature blocks kept on one page with
 *   "Nơi nhận" at the left, and spacing.
 * - Page numbers only when there is more than one page, centred in the top
 *   margin, not on page 1 (Decree 30/2020, Appendix I, section II.9).
 * - An optional QR code with its caption sits in a band at the bottom of
 *   page 1 (where the content stops early); an optional verification code is
 *   printed in the footer of every page.
 *
 * Decisions:
 * - Fonts: Be Vietnam Pro, not Times New Roman (fonts.ts). Sizes are a point
 *   or two under the decree's 13–14 pt because Be Vietnam Pro is wider.
 * - All text goes through `cleanText` (NFC, no control characters). Titles
 *   are given in sentence case (they are also the PDF Title) and upper-cased
 *   here.
 * - Determinism: CreationDate and ModDate are the document's own date
 *   (`issuedAt`), never the clock, and the trailer's file ID is the first 16
 *   bytes of the SHA-256 of the spec, so the same input gives the same bytes.
 * - Paragraphs flow across pages with pdfkit's line wrapper; everything else
 *   (header, table rows, signature blocks) is measured first and moved to the
 *   next page whole. A table cell taller than a page is cut with an ellipsis.
 * - Signature areas are returned (page and rectangle in PDF user space,
 *   origin bottom left) so a digital signature's visible mark can be placed
 *   in them later; nothing is drawn inside them.
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { FONT_NAMES, fontSource, rememberParsedFont, type FontName } from './fonts.js';
import { cleanText, dateLine, toInstant, type Moment } from './format.js';
import { labelsFor, type Labels, type Lang } from './labels.js';

// ------------------------------------------------------------------ types

/** The issuing authority: its parent (optional) and itself, e.g. "UBND tỉnh Phú Thọ" / "UBND phường Hòa Bình". */
export interface Issuer {
  parent?: string | null;
  name: string;
}

/** A piece of a paragraph; a plain string is regular text. */
export type Run = string | { text: string; bold?: boolean; italic?: boolean };

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TableColumn {
  header: string;
  /** Relative width; the columns share the text width in proportion. */
  width: number;
  align?: Align;
}

export interface Signer {
  /** The line above the title, e.g. "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH". */
  authority?: string | null;
  /** Position, e.g. "Chủ tịch", "Người tiếp nhận hồ sơ"; printed in bold capitals. */
  title: string;
  /** Under the title, e.g. "(Ký và ghi rõ họ tên)". */
  hint?: string | null;
  /** The signer's full name, in bold, under the signature space. */
  name?: string | null;
}

export type Block =
  /** Justified with the first line indented unless told otherwise; `compact` sets it tight under the previous line like a field. */
  | { kind: 'paragraph'; runs: string | readonly Run[]; align?: Align; indent?: boolean; bold?: boolean; italic?: boolean; compact?: boolean }
  /** "Label: value" lines; values in bold when `strong`. */
  | { kind: 'fields'; rows: readonly (readonly [label: string, value: string])[]; strong?: boolean }
  | { kind: 'list'; items: readonly string[]; style?: 'numbered' | 'dash' }
  /** `size`: the font size of the cells (9.5 pt by default; smaller for wide registers). */
  | { kind: 'table'; columns: readonly TableColumn[]; rows: readonly (readonly string[])[]; size?: number }
  | { kind: 'signatures'; signers: readonly Signer[]; recipients?: readonly string[] }
  | { kind: 'space'; height: number };

export interface QrSpec {
  /** What the QR code encodes, e.g. a lookup or verification URL. */
  data: string;
  caption: string;
  /** Small lines under the caption (the URL, a code). */
  lines?: readonly string[];
}

export interface DocumentSpec {
  lang?: Lang;
  issuer: Issuer;
  /** The document number, printed "Số: …"; omitted when null. */
  number?: string | null;
  place: string;
  /** The document's date: the date line, and CreationDate in the metadata. */
  issuedAt: Moment;
  /** Sentence case; printed in capitals, stored as is in the metadata. */
  title: string;
  subtitle?: string | null;
  blocks: readonly Block[];
  qr?: QrSpec | null;
  /** Printed in the footer of every page. */
  verificationCode?: string | null;
  subject?: string | null;
  keywords?: readonly string[];
  /** A4 landscape (the same margins); portrait by default. */
  landscape?: boolean;
}

/** Where a signature's visible mark goes: page index (0-based) and [x1, y1, x2, y2] in PDF points, origin bottom left. */
export interface SignatureArea {
  page: number;
  rect: [number, number, number, number];
  signer: number;
}

export interface RenderedDocument {
  pdf: Buffer;
  pageCount: number;
  signatureAreas: SignatureArea[];
}

// ------------------------------------------------------------------ geometry

const MM = 72 / 25.4;
/** A4 in points, as pdfinfo reports it. */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM } as const;

const SIZE = {
  authority: 11,
  motto: 11,
  mottoLine: 11.5,
  number: 11,
  dateLine: 11.5,
  title: 13,
  subtitle: 12,
  body: 11,
  table: 9.5,
  signer: 11,
  hint: 10,
  recipients: 10,
  footer: 8,
  pageNumber: 11,
  qrCaption: 8.5,
  qrLine: 8,
} as const;
const LINE_GAP = 2.5;
const PARAGRAPH_GAP = 5;
/** Between "label: value" lines and list items, which read as one block. */
const LINE_BLOCK_GAP = 1.5;
const INDENT = 10 * MM;
const SIGNATURE_SPACE = 56;
const QR_SIZE = 22 * MM;
const QR_BAND = QR_SIZE + 3 * MM;
/**
 * The header's left column (authority) takes this share of the text width, the motto the rest: the motto
 * (229 pt in bold 11 pt) fits on one line, and so does "ỦY BAN NHÂN DÂN PHƯỜNG HÒA BÌNH" with the 6 mm the
 * authority block takes from the left margin.
 */
const HEADER_LEFT = 0.47;

const portraitTextWidth = A4.width - MARGINS.left - MARGINS.right;

const upper = (s: string): string => cleanText(s).toLocaleUpperCase('vi');

// ------------------------------------------------------------------ composer

/** A pdfkit document with a vertical cursor and the page furniture of the frame. */
class Composer {
  readonly doc: PDFKit.PDFDocument;
  readonly labels: Labels;
  y: number;
  readonly signatureAreas: SignatureArea[] = [];
  private pageIndex = 0;
  readonly layout: 'portrait' | 'landscape';
  /** The page's height and the width between the margins, in the page's orientation. */
  readonly pageHeight: number;
  readonly textWidth: number;

  constructor(doc: PDFKit.PDFDocument, labels: Labels, landscape = false) {
    this.doc = doc;
    this.labels = labels;
    this.y = MARGINS.top;
    this.layout = landscape ? 'landscape' : 'portrait';
    this.pageHeight = landscape ? A4.width : A4.height;
    this.textWidth = (landscape ? A4.height : A4.width) - MARGINS.left - MARGINS.right;
    // Pages that pdfkit adds itself (a paragraph running over) get the normal margins, even after page 1's QR band.
    doc.on('pageAdded', () => {
      doc.page.margins = { ...MARGINS };
      this.pageIndex += 1;
    });
  }

  get page(): number {
    return this.pageIndex;
  }

  bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', layout: this.layout, margins: { ...MARGINS } });
    this.y = MARGINS.top;
  }

  /** Moves to a new page unless `height` fits below the cursor (or the cursor is already at the top). */
  ensure(height: number): void {
    if (this.y + height > this.bottom() && this.y > MARGINS.top + 1) this.newPage();
  }

  font(name: FontName, size: number): this {
    this.doc.font(name).fontSize(size);
    return this;
  }

  lineHeight(name: FontName, size: number, gap = LINE_GAP): number {
    this.font(name, size);
    return this.doc.currentLineHeight(true) + gap;
  }

  heightOf(text: string, name: FontName, size: number, width: number, gap = LINE_GAP): number {
    this.font(name, size);
    return this.doc.heightOfString(cleanText(text), { width, lineGap: gap });
  }

  /** Draws text in a box at an absolute position, never breaking the page; returns its height. */
  box(text: string, x: number, y: number, width: number, name: FontName, size: number, align: Align = 'left', gap = LINE_GAP): number {
    const content = cleanText(text);
    const height = this.heightOf(content, name, size, width, gap);
    this.font(name, size);
    this.doc.text(content, x, y, { width, align, lineGap: gap, height: height + size });
    return height;
  }
}

// ------------------------------------------------------------------ header

function drawHeader(c: Composer, spec: DocumentSpec): void {
  const { doc, labels } = c;
  const { textWidth } = c;
  // Landscape: the two header columns keep their portrait widths, at the page's edges.
  const leftW = Math.min(textWidth, portraitTextWidth) * HEADER_LEFT;
  const rightW = Math.min(textWidth, portraitTextWidth) - leftW;
  const leftX = MARGINS.left - 6 * MM; // Decree 30 sample: the authority block starts in the left margin's inner part.
  const leftBoxW = leftW + 6 * MM;
  const rightX = MARGINS.left + textWidth - rightW;
  const top = MARGINS.top;

  // Left: the authority.
  let ly = top;
  if (spec.issuer.parent) ly += c.box(upper(spec.issuer.parent), leftX, ly, leftBoxW, 'regular', SIZE.authority, 'center', 1);
  const nameH = c.box(upper(spec.issuer.name), leftX, ly, leftBoxW, 'bold', SIZE.authority, 'center', 1);
  ly += nameH;
  // A short rule under the unit's name, a third of the column, centred.
  const ruleW = leftBoxW / 3;
  doc
    .moveTo(leftX + (leftBoxW - ruleW) / 2, ly + 2)
    .lineTo(leftX + (leftBoxW + ruleW) / 2, ly + 2)
    .lineWidth(0.6)
    .stroke();
  ly += 8;
  if (spec.number) ly += c.box(`${labels.frame.number}: ${spec.number}`, leftX, ly, leftBoxW, 'regular', SIZE.number, 'center', 1);

  // Right: the national motto.
  let ry = top;
  ry += c.box(labels.frame.motto, rightX, ry, rightW, 'bold', SIZE.motto, 'center', 1);
  const line = cleanText(labels.frame.mottoLine);
  const lineH = c.box(line, rightX, ry, rightW, 'bold', SIZE.mottoLine, 'center', 1);
  c.font('bold', SIZE.mottoLine);
  const lineW = Math.min(rightW, doc.widthOfString(line));
  ry += lineH + 1.5;
  doc
    .moveTo(rightX + (rightW - lineW) / 2, ry)
    .lineTo(rightX + (rightW + lineW) / 2, ry)
    .lineWidth(0.6)
    .stroke();
  ry += 9;
  ry += c.box(dateLine(spec.lang ?? 'vi', spec.place, spec.issuedAt), rightX, ry, rightW, 'italic', SIZE.dateLine, 'center', 1);

  c.y = Math.max(ly, ry) + 6 * MM;

  // The title and subtitle.
  c.y += c.box(upper(spec.title), MARGINS.left, c.y, textWidth, 'bold', SIZE.title, 'center', 2);
  if (spec.subtitle) {
    c.y += 2;
    c.y += c.box(spec.subtitle, MARGINS.left, c.y, textWidth, 'bold', SIZE.subtitle, 'center', 2);
    const w = textWidth / 4;
    doc
      .moveTo(MARGINS.left + (textWidth - w) / 2, c.y + 2)
      .lineTo(MARGINS.left + (textWidth + w) / 2, c.y + 2)
      .lineWidth(0.6)
      .stroke();
    c.y += 4;
  }
  c.y += 4 * MM;
}

// ------------------------------------------------------------------ blocks

function runParts(runs: string | readonly Run[], bold: boolean, italic: boolean): { text: string; font: FontName }[] {
  const list: readonly Run[] = typeof runs === 'string' ? [runs] : runs;
  return list
    .map((r) => (typeof r === 'string' ? { text: r, bold, italic } : { text: r.text, bold: r.bold ?? bold, italic: r.italic ?? italic }))
    .filter((r) => r.text.length > 0)
    .map((r) => ({ text: cleanText(r.text), font: r.bold ? (r.italic ? 'boldItalic' : 'bold') : r.italic ? 'italic' : 'regular' }));
}

/** A paragraph flowing across pages; mixed fonts are drawn as continued text (left-aligned: pdfkit cannot justify them). */
function paragraph(
  c: Composer,
  runs: string | readonly Run[],
  opts: { align?: Align; indent?: boolean; bold?: boolean; italic?: boolean; x?: number; width?: number; gap?: number },
): void {
  const parts = runParts(runs, opts.bold ?? false, opts.italic ?? false);
  if (parts.length === 0) return;
  const x = opts.x ?? MARGINS.left;
  const width = opts.width ?? c.textWidth;
  const wanted = opts.align ?? 'justify';
  const align: Align = parts.length > 1 && wanted === 'justify' ? 'left' : wanted;
  c.ensure(c.lineHeight(parts[0]?.font ?? 'regular', SIZE.body));
  const { doc } = c;
  parts.forEach((part, i) => {
    const continued = i < parts.length - 1;
    c.font(part.font, SIZE.body);
    const options: PDFKit.Mixins.TextOptions = { width, align, lineGap: LINE_GAP, continued, indent: opts.indent ? INDENT : 0 };
    if (i === 0) doc.text(part.text, x, c.y, options);
    else doc.text(part.text, options);
  });
  c.y = doc.y + (opts.gap ?? PARAGRAPH_GAP);
}

function fields(c: Composer, rows: readonly (readonly [string, string])[], strong: boolean): void {
  for (const [label, value] of rows) {
    paragraph(c, [`${label}: `, { text: value, bold: strong }], { align: 'left', gap: LINE_BLOCK_GAP });
  }
}

function list(c: Composer, items: readonly string[], style: 'numbered' | 'dash'): void {
  const hang = style === 'numbered' ? 8 * MM : 5 * MM;
  items.forEach((item, i) => {
    c.ensure(c.lineHeight('regular', SIZE.body));
    const marker = style === 'numbered' ? `${String(i + 1)}.` : '-';
    c.box(marker, MARGINS.left + INDENT / 2, c.y, hang, 'regular', SIZE.body);
    paragraph(c, item, { align: 'justify', x: MARGINS.left + INDENT / 2 + hang, width: c.textWidth - INDENT / 2 - hang, gap: LINE_BLOCK_GAP });
  });
  c.y += PARAGRAPH_GAP - LINE_BLOCK_GAP;
}

function table(c: Composer, columns: readonly TableColumn[], rows: readonly (readonly string[])[], size: number): void {
  const { doc } = c;
  const { textWidth } = c;
  const pad = size * 0.35;
  const total = columns.reduce((s, col) => s + col.width, 0);
  const widths = columns.map((col) => (textWidth * col.width) / total);
  const xs = widths.map((_, i) => MARGINS.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const natural = (cells: readonly string[], font: FontName): number =>
    Math.max(...columns.map((_, i) => c.heightOf(cells[i] ?? '', font, size, (widths[i] ?? 0) - 2 * pad, 1))) + 2 * pad;
  const headers = columns.map((col) => col.header);
  const headerH = natural(headers, 'bold');
  // A row never takes more than a page under the repeated headings; its cells are cut with an ellipsis.
  const pageRoom = c.pageHeight - MARGINS.top - MARGINS.bottom - headerH;
  const rowHeight = (cells: readonly string[]): number => Math.min(pageRoom, natural(cells, 'regular'));

  const drawRow = (cells: readonly string[], font: FontName, height: number, fill: boolean): void => {
    if (fill) doc.rect(MARGINS.left, c.y, textWidth, height).fillColor('#eeeeee').fill().fillColor('black');
    columns.forEach((col, i) => {
      const w = widths[i] ?? 0;
      const x = xs[i] ?? MARGINS.left;
      c.font(font, size);
      doc.text(cleanText(cells[i] ?? ''), x + pad, c.y + pad, {
        width: w - 2 * pad,
        height: height - 2 * pad,
        align: fill ? 'center' : (col.align ?? 'left'),
        lineGap: 1,
        ellipsis: true,
      });
      doc.rect(x, c.y, w, height).lineWidth(0.5).stroke();
    });
    c.y += height;
  };

  const header = (): void => drawRow(headers, 'bold', headerH, true);

  c.y += 3;
  c.ensure(headerH + (rows[0] ? rowHeight(rows[0]) : 0));
  header();
  for (const row of rows) {
    const h = rowHeight(row);
    if (c.y + h > c.bottom()) {
      c.newPage();
      header();
    }
    drawRow(row, 'regular', h, false);
  }
  c.y += PARAGRAPH_GAP + 2;
}

interface SignerLayout {
  signer: Signer;
  authorityH: number;
  titleH: number;
  hintH: number;
  nameH: number;
}

function signatures(c: Composer, signers: readonly Signer[], recipients: readonly string[] | undefined): void {
  const { doc, labels } = c;
  const { textWidth } = c;
  const count = signers.length;
  // One signer sits at the right, leaving the left to "Nơi nhận"; several share the width.
  const colW = count <= 1 ? textWidth * 0.55 : textWidth / count;
  const colX = (i: number): number => (count <= 1 ? MARGINS.left + textWidth - colW : MARGINS.left + i * colW);
  const inner = colW - 8;

  const layouts: SignerLayout[] = signers.map((signer) => ({
    signer,
    authorityH: signer.authority ? c.heightOf(upper(signer.authority), 'bold', SIZE.signer, inner, 1) : 0,
    titleH: c.heightOf(upper(signer.title), 'bold', SIZE.signer, inner, 1),
    hintH: signer.hint ? c.heightOf(signer.hint, 'italic', SIZE.hint, inner, 1) : 0,
    nameH: signer.name ? c.heightOf(signer.name, 'bold', SIZE.body, inner, 1) : 0,
  }));
  const signersH = Math.max(0, ...layouts.map((l) => l.authorityH + l.titleH + l.hintH + SIGNATURE_SPACE + l.nameH));
  const recipientsW = textWidth - colW - 6 * MM;
  const recipientLines = count <= 1 && recipients && recipients.length > 0 ? recipients.map((r) => `- ${r}`) : [];
  const recipientsH =
    recipientLines.length > 0
      ? c.heightOf(labels.frame.recipients, 'boldItalic', SIZE.signer, recipientsW, 1) +
        recipientLines.reduce((s, r) => s + c.heightOf(r, 'regular', SIZE.recipients, recipientsW, 1), 0)
      : 0;

  c.y += 2 * MM;
  c.ensure(Math.max(signersH, recipientsH));
  const top = c.y;

  if (recipientLines.length > 0) {
    let ry = top;
    ry += c.box(labels.frame.recipients, MARGINS.left, ry, recipientsW, 'boldItalic', SIZE.signer, 'left', 1);
    for (const r of recipientLines) ry += c.box(r, MARGINS.left, ry, recipientsW, 'regular', SIZE.recipients, 'left', 1);
  }

  layouts.forEach((l, i) => {
    const x = colX(i) + 4;
    let y = top;
    if (l.signer.authority) y += c.box(upper(l.signer.authority), x, y, inner, 'bold', SIZE.signer, 'center', 1);
    y += c.box(upper(l.signer.title), x, y, inner, 'bold', SIZE.signer, 'center', 1);
    if (l.signer.hint) y += c.box(l.signer.hint, x, y, inner, 'italic', SIZE.hint, 'center', 1);
    const areaW = Math.min(inner, 62 * MM);
    const areaX = x + (inner - areaW) / 2;
    const areaTop = y + 3;
    const areaH = SIGNATURE_SPACE - 6;
    const pageH = doc.page.height;
    c.signatureAreas.push({ page: c.page, signer: i, rect: [areaX, pageH - (areaTop + areaH), areaX + areaW, pageH - areaTop] });
    y += SIGNATURE_SPACE;
    if (l.signer.name) c.box(l.signer.name, x, y, inner, 'bold', SIZE.body, 'center', 1);
  });
  c.y = top + Math.max(signersH, recipientsH) + PARAGRAPH_GAP;
}

function drawBlock(c: Composer, block: Block): void {
  switch (block.kind) {
    case 'paragraph':
      paragraph(c, block.runs, {
        align: block.align,
        indent: block.indent ?? true,
        bold: block.bold,
        italic: block.italic,
        gap: block.compact ? LINE_BLOCK_GAP : PARAGRAPH_GAP,
      });
      return;
    case 'fields':
      fields(c, block.rows, block.strong ?? false);
      return;
    case 'list':
      list(c, block.items, block.style ?? 'numbered');
      return;
    case 'table':
      table(c, block.columns, block.rows, block.size ?? SIZE.table);
      return;
    case 'signatures':
      signatures(c, block.signers, block.recipients);
      return;
    case 'space':
      c.y += block.height;
      return;
  }
}

// ------------------------------------------------------------------ page furniture

/** Writes in a margin: pdfkit would otherwise start a new page for text below the bottom margin. */
function inMargin(doc: PDFKit.PDFDocument, draw: () => void): void {
  const saved = { ...doc.page.margins };
  doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
  draw();
  doc.page.margins = saved;
}

function drawFurniture(c: Composer, spec: DocumentSpec, qrPng: Buffer | null): number {
  const { doc, labels } = c;
  const { textWidth } = c;
  const range = doc.bufferedPageRange();
  const count = range.count;
  for (let i = 0; i < count; i++) {
    doc.switchToPage(range.start + i);
    inMargin(doc, () => {
      if (count > 1 && i > 0) {
        c.font('regular', SIZE.pageNumber);
        doc.text(String(i + 1), MARGINS.left, MARGINS.top / 2 - SIZE.pageNumber / 2, { width: textWidth, align: 'center', lineBreak: false });
      }
      if (spec.verificationCode) {
        c.font('regular', SIZE.footer);
        doc.text(cleanText(`${labels.frame.verificationCode}: ${spec.verificationCode}`), MARGINS.left, c.pageHeight - MARGINS.bottom + 3 * MM, {
          width: textWidth,
          align: 'left',
          lineBreak: false,
        });
      }
      if (i === 0 && qrPng && spec.qr) {
        const top = c.pageHeight - MARGINS.bottom - QR_SIZE;
        doc.image(qrPng, MARGINS.left, top, { width: QR_SIZE, height: QR_SIZE });
        const tx = MARGINS.left + QR_SIZE + 3 * MM;
        const tw = textWidth - QR_SIZE - 3 * MM;
        let y = top + 2 * MM;
        y += c.box(spec.qr.caption, tx, y, tw, 'italic', SIZE.qrCaption, 'left', 1) + 1;
        for (const line of spec.qr.lines ?? []) y += c.box(line, tx, y, tw, 'regular', SIZE.qrLine, 'left', 1) + 1;
      }
    });
  }
  return count;
}

// ------------------------------------------------------------------ entry point

/** Stable JSON of the spec for the file ID (Dates as ISO strings). */
function fingerprint(spec: DocumentSpec): Buffer {
  return createHash('sha256').update(JSON.stringify(spec)).digest().subarray(0, 16);
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/**
 * QR code as PNG: error correction M, 4 pixels a module (at 22 mm, about 150 dpi for a 60-character URL;
 * larger scales only cost encoding and decoding time), two modules of quiet zone inside the image and
 * the white page around it.
 */
export function qrPng(data: string): Promise<Buffer> {
  return QRCode.toBuffer(data, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 4 });
}

/** Renders a document in the common frame. */
export async function renderDocument(spec: DocumentSpec): Promise<RenderedDocument> {
  const labels = labelsFor(spec.lang);
  const created = toInstant(spec.issuedAt);
  const png = spec.qr ? await qrPng(spec.qr.data) : null;
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: labels.pdfLang,
    displayTitle: true,
    info: {
      Title: cleanText(spec.title),
      Author: cleanText(spec.issuer.name),
      Subject: cleanText(spec.subject ?? spec.title),
      ...(spec.keywords && spec.keywords.length > 0 ? { Keywords: cleanText(spec.keywords.join(', ')) } : {}),
      Creator: labels.creator,
      Producer: 'Motcua (PDFKit)',
      CreationDate: created,
      ModDate: created,
    },
  });
  (doc as unknown as { _id: Uint8Array })._id = fingerprint(spec);
  const output = collect(doc);
  for (const name of FONT_NAMES) {
    doc.registerFont(name, fontSource(name));
    doc.font(name);
    rememberParsedFont(name, doc);
  }

  doc.addPage({ size: 'A4', layout: spec.landscape ? 'landscape' : 'portrait', margins: { ...MARGINS, bottom: MARGINS.bottom + (png ? QR_BAND : 0) } });
  const c = new Composer(doc, labels, spec.landscape);
  drawHeader(c, spec);
  for (const block of spec.blocks) drawBlock(c, block);
  const pageCount = drawFurniture(c, spec, png);
  doc.end();
  return { pdf: await output, pageCount, signatureAreas: c.signatureAreas };
}
