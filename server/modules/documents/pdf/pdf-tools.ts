/**
 * Test support: reads real PDF output with Debian's poppler-utils
 * (pdftotext, pdfinfo, pdffonts, pdftoppm) and zbar-tools (zbarimg), run
 * with execFile (no shell) and the PDF on standard input (`fd://0`), so no
 * temporary file is written. Used by the *.test.ts files beside it only.
 */
import { execFile } from 'node:child_process';

type Tool = 'pdftotext' | 'pdfinfo' | 'pdffonts' | 'pdftoppm' | 'zbarimg';

class ToolError extends Error {
  readonly exitCode: number | null;
  constructor(tool: Tool, exitCode: number | null, stderr: string) {
    super(`${tool} failed (exit ${String(exitCode)}): ${stderr.trim()}`);
    this.exitCode = exitCode;
  }
}

function run(tool: Tool, args: readonly string[], input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(tool, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new ToolError(tool, typeof error.code === 'number' ? error.code : null, stderr.toString('utf8')));
      else resolve(stdout);
    });
    child.stdin?.on('error', () => undefined); // the tool may exit before reading everything; its exit code tells
    child.stdin?.end(input);
  });
}

/**
 * `pdftotext -layout` (as laid out on the page), all pages or the given range (1-based); pages are
 * separated by form feeds. `raw: true` keeps the content stream's order instead, where a table cell's
 * wrapped lines stay together.
 */
export async function pdfText(pdf: Buffer, pages?: { first: number; last?: number }, opts: { raw?: boolean } = {}): Promise<string> {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last ?? pages.first)] : [];
  return (await run('pdftotext', [opts.raw ? '-raw' : '-layout', '-enc', 'UTF-8', ...range, 'fd://0', '-'], pdf)).toString('utf8');
}

/** The text inside a rectangle of one page (1-based), given in PDF points with the origin at the bottom left. */
export async function pdfTextIn(pdf: Buffer, page: number, rect: readonly [number, number, number, number], pageHeight: number): Promise<string> {
  const [x1, y1, x2, y2] = rect;
  const box = ['-x', String(Math.floor(x1)), '-y', String(Math.floor(pageHeight - y2)), '-W', String(Math.ceil(x2 - x1)), '-H', String(Math.ceil(y2 - y1))];
  return (await run('pdftotext', ['-r', '72', ...box, '-f', String(page), '-l', String(page), '-enc', 'UTF-8', 'fd://0', '-'], pdf)).toString('utf8');
}

/** `pdfinfo` as key → value ("Pages" → "2", "Page size" → "595.28 x 841.89 pts (A4)"). */
export async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  const out = (await run('pdfinfo', ['-enc', 'UTF-8', 'fd://0'], pdf)).toString('utf8');
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) info[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return info;
}

export interface FontRow {
  name: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** `pdffonts`, one row per font (the type column may hold spaces, so the flags are read from the right). */
export async function pdfFonts(pdf: Buffer): Promise<FontRow[]> {
  const lines = (await run('pdffonts', ['fd://0'], pdf)).toString('utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('----'));
  return lines
    .slice(start + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      const flag = (fromRight: number): boolean => cols[cols.length - fromRight] === 'yes';
      return { name: cols[0] ?? '', embedded: flag(5), subset: flag(4), unicode: flag(3) };
    });
}

/** The QR codes zbarimg finds on one page rendered at `dpi` (1-based page). */
export async function qrCodes(pdf: Buffer, page = 1, dpi = 200): Promise<string[]> {
  const png = await run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), 'fd://0'], pdf);
  try {
    const out = await run('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', '-'], png);
    return out
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '');
  } catch (error) {
    // zbarimg exits with 4 when the image holds no code.
    if (error instanceof ToolError && error.exitCode === 4) return [];
    throw error;
  }
}

/** Text with runs of white space collapsed, to look for phrases that the layout wrapped. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
