/** Reading the XLSX files the journeys download (fflate unzips; the sheet XML is read by its cells' references). */
import { unzipSync } from 'fflate';

/** The first sheet of a workbook as rows of cell values (shared strings resolved), by the cells' own references. */
export function sheetRows(xlsx: Buffer): (string | number | null)[][] {
  const files = unzipSync(new Uint8Array(xlsx));
  const text = (name: string) => new TextDecoder().decode(files[name] ?? new Uint8Array());
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescape([...(m[1] ?? '').matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1] ?? '').join('')),
  );
  const column = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  const rows: (string | number | null)[][] = [];
  for (const row of text('xl/worksheets/sheet1.xml').matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: (string | number | null)[] = [];
    for (const cell of (row[1] ?? '').matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[2] ?? '';
      const body = cell[3] ?? '';
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const inline = /<is>[\s\S]*?<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1];
      const content = /t="s"/.test(attributes) ? (shared[Number(value)] ?? null) : inline !== undefined ? unescape(inline) : value === undefined ? null : /t="str"/.test(attributes) ? unescape(value) : Number(value);
      cells[column(cell[1] ?? 'A')] = content;
    }
    rows.push(Array.from(cells, (c) => c ?? null));
  }
  return rows;
}
