/** Independent tools on PDFs for tests: poppler-utils' pdftotext and pdfsig (Debian), run without a shell. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function withFile<T>(pdf: Buffer, work: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, pdf);
    return await work(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the PDF as pdftotext extracts it (layout kept), whitespace runs folded to one space. */
export function pdfText(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (path) => (await run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'])).stdout.replace(/\s+/g, ' '));
}

/** What pdfsig says of the PDF's signatures (its exit code is not 0 when a signature is invalid: the text says why). */
export function pdfsig(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (path) => {
    try {
      return (await run('pdfsig', [path])).stdout;
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      return `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
  });
}
