import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import Fastify from 'fastify';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkUpload,
  FILE_NAME_MAX,
  pdfIsEncrypted,
  safeFileName,
  UPLOAD_CONTENT_TYPES,
  UPLOAD_LIMIT_BYTES,
  UploadRejectedError,
  type UploadRejectionReason,
} from './upload.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'motcua-upload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------- fixtures, generated here

function pdfkit(options: PDFKit.PDFDocumentOptions = {}, text = 'To khai dang ky khai sinh'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A5', ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(14).text(text, 40, 40);
    doc.rect(40, 80, 200, 100).fill('#2b6cb0');
    doc.end();
  });
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real RGB PNG, built byte by byte: signature, IHDR, IDAT (zlib), IEND. */
function png(width = 4, height = 3): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height, 0x7f);
  for (let y = 0; y < height; y++) rows[y * (width * 3 + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', Buffer.from('Comment\0Motcua test', 'latin1')),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A hand-written PDF 1.5 whose cross-reference is a stream (`/Type /XRef`), with `extra` in that stream's dictionary. */
function xrefStreamPdf(extra: string): Buffer {
  const parts = [
    '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n',
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n',
    '3 0 obj\n<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <00112233> /U <44556677> >>\nendobj\n',
  ];
  const offset = Buffer.byteLength(parts.join(''), 'latin1');
  parts.push(
    `4 0 obj\n<</Type/XRef/Size 5/W[1 2 1]/Index[0 5]/DecodeParms<</Columns 4/Predictor 12>>/Root 1 0 R${extra}/ID[<0a0b><0a0b>]/Length 0>>\nstream\n\nendstream\nendobj\n`,
    `startxref\n${offset}\n%%EOF\n`,
  );
  return Buffer.from(parts.join(''), 'latin1');
}

/** A minimal classic PDF whose one cross-reference table has `trailer` as its trailer dictionary. */
function classicPdf(trailer: string): Buffer {
  const head = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n';
  return Buffer.from(`${head}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n${trailer}\nstartxref\n${head.length}\n%%EOF\n`, 'latin1');
}

/** `pdf` with an incremental update appended: a new xref table whose trailer is `trailer` (`$PREV` is replaced by the previous startxref). */
function withUpdate(pdf: Buffer, trailer: string): Buffer {
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.toString('latin1'))?.[1] ?? 'none';
  const at = pdf.length + 1;
  return Buffer.concat([pdf, Buffer.from(`\nxref\n0 1\n0000000000 65535 f \ntrailer\n${trailer.replace('$PREV', prev)}\nstartxref\n${at}\n%%EOF\n`, 'latin1')]);
}

let pdf: Buffer;
let encryptedPdf: Buffer;
let ownerOnlyPdf: Buffer;
let popplerPng: Buffer;
let popplerJpeg: Buffer;

beforeAll(async () => {
  pdf = await pdfkit();
  encryptedPdf = await pdfkit({ userPassword: 'mat-khau', ownerPassword: 'chu-so-huu' });
  ownerOnlyPdf = await pdfkit({ ownerPassword: 'chu-so-huu', permissions: { printing: 'highResolution' } });
  // Real encoders' output: poppler renders the PDF to PNG and JPEG.
  const source = join(dir, 'source.pdf');
  writeFileSync(source, pdf);
  await run('pdftoppm', ['-png', '-r', '24', '-singlefile', source, join(dir, 'page')]);
  await run('pdftoppm', ['-jpeg', '-r', '24', '-singlefile', source, join(dir, 'page')]);
  popplerPng = readFileSync(join(dir, 'page.png'));
  popplerJpeg = readFileSync(join(dir, 'page.jpg'));
});

function rejection(fileName: string, declaredType: string, content: Buffer): { reason: UploadRejectionReason; details: Record<string, unknown> } {
  try {
    checkUpload({ fileName, declaredType, content });
  } catch (err) {
    if (err instanceof UploadRejectedError) return { reason: err.reason, details: err.details };
    throw err;
  }
  throw new Error(`expected ${fileName} to be rejected`);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// ---------------------------------------------------------------- accepted

describe('checkUpload accepts', () => {
  it('a pdfkit PDF', () => {
    expect(checkUpload({ fileName: 'Tờ khai.pdf', declaredType: 'application/pdf', content: pdf })).toEqual({
      contentType: 'application/pdf',
      extension: '.pdf',
      sha256: sha256(pdf),
      size: pdf.length,
      fileName: 'Tờ khai.pdf',
    });
  });

  it('PNG and JPEG from poppler, and a PNG built from bytes', () => {
    expect(checkUpload({ fileName: 'trang-1.png', declaredType: 'image/png', content: popplerPng })).toMatchObject({ contentType: 'image/png', extension: '.png', size: popplerPng.length });
    expect(checkUpload({ fileName: 'anh.PNG', declaredType: 'image/png', content: png() })).toMatchObject({ contentType: 'image/png' });
    for (const name of ['trang-1.jpg', 'TRANG-1.JPEG']) {
      expect(checkUpload({ fileName: name, declaredType: 'image/jpeg', content: popplerJpeg })).toMatchObject({ contentType: 'image/jpeg', extension: '.jpg', sha256: sha256(popplerJpeg) });
    }
  });

  it('a declared type in any case and with parameters', () => {
    expect(checkUpload({ fileName: 'a.pdf', declaredType: 'Application/PDF; charset=binary', content: pdf }).contentType).toBe('application/pdf');
  });

  it('a cross-reference-stream PDF without /Encrypt, and a trailer whose strings mention /Encrypt', () => {
    expect(checkUpload({ fileName: 'x.pdf', declaredType: 'application/pdf', content: xrefStreamPdf('') }).contentType).toBe('application/pdf');
    expect(checkUpload({ fileName: 'x.pdf', declaredType: 'application/pdf', content: xrefStreamPdf('/Info (see /Encrypt 3 0 R \\) in the spec)') }).size).toBeGreaterThan(0);
    const strings = classicPdf('<< /Size 2 /Root 1 0 R /ID [(/Encrypt)(x)] /Note (a (nested /Encrypt 3 0 R) b \\) c) >>');
    expect(checkUpload({ fileName: 'x.pdf', declaredType: 'application/pdf', content: strings }).size).toBe(strings.length);
    expect(pdfIsEncrypted(classicPdf('<< /Size 2 /Root 1 0 R /Doc << /Encrypt 3 0 R >> >>'))).toBe(false); // not an entry of the trailer itself
    expect(pdfIsEncrypted(withUpdate(pdf, '<< /Size 9 /Root 1 0 R /Prev $PREV >>'))).toBe(false);
  });

  it('a pdfkit PDF whose document information says /Encrypt, even `trailer << /Encrypt …`', async () => {
    const tricky = await pdfkit({ compress: false, info: { Title: '/Encrypt 9 0 R', Subject: 'trailer << /Encrypt 9 0 R >>' } }, '/Encrypt');
    expect(checkUpload({ fileName: 'x.pdf', declaredType: 'application/pdf', content: tricky }).contentType).toBe('application/pdf');
  });
});

// ---------------------------------------------------------------- refused

describe('checkUpload refuses', () => {
  it('empty content', () => {
    expect(rejection('a.pdf', 'application/pdf', Buffer.alloc(0)).reason).toBe('empty');
  });

  it('content above the limit (a guard for callers outside HTTP)', () => {
    const big = Buffer.concat([pdf, Buffer.alloc(UPLOAD_LIMIT_BYTES)]);
    expect(rejection('a.pdf', 'application/pdf', big)).toEqual({ reason: 'too_large', details: { size: big.length, limit: UPLOAD_LIMIT_BYTES } });
  });

  it('an .exe, whatever it declares, and types outside PDF, JPEG, PNG', () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(200)]);
    expect(rejection('setup.exe', 'application/x-msdownload', exe)).toMatchObject({ reason: 'type_not_allowed', details: { declaredType: 'application/x-msdownload', allowed: UPLOAD_CONTENT_TYPES } });
    expect(rejection('setup.exe', 'application/pdf', exe)).toMatchObject({ reason: 'type_not_allowed', details: { extension: '.exe' } });
    expect(rejection('setup.exe', 'application/pdf', pdf).reason).toBe('type_not_allowed');
    expect(rejection('anh.gif', 'image/gif', Buffer.from('GIF89a')).reason).toBe('type_not_allowed');
    expect(rejection('don.docx', 'application/pdf', pdf).reason).toBe('type_not_allowed');
    expect(rejection('khong-duoi', 'application/pdf', pdf)).toMatchObject({ reason: 'type_not_allowed', details: { extension: '' } });
    expect(rejection('a.pdf', '', pdf).reason).toBe('type_not_allowed');
    // A control character or a bidi override cannot smuggle an extension through.
    expect(rejection('a.pdf\0.exe', 'application/pdf', pdf).reason).toBe('type_not_allowed');
    expect(rejection('a\u202efdp.exe', 'application/pdf', pdf).reason).toBe('type_not_allowed');
  });

  it('a PDF that claims to be a PNG, by name or by declared type', () => {
    expect(rejection('scan.png', 'image/png', pdf)).toEqual({ reason: 'content_mismatch', details: { declaredType: 'image/png', extension: '.png', detected: 'application/pdf' } });
    expect(rejection('scan.png', 'application/pdf', pdf)).toMatchObject({ reason: 'content_mismatch', details: { detected: 'application/pdf', extension: '.png' } });
    expect(rejection('scan.pdf', 'image/png', pdf)).toMatchObject({ reason: 'content_mismatch', details: { declaredType: 'image/png' } });
  });

  it('other mismatches: a JPEG as PNG, a PNG as PDF, an executable or a ZIP renamed .pdf, name and type that disagree', () => {
    expect(rejection('a.png', 'image/png', popplerJpeg)).toMatchObject({ reason: 'content_mismatch', details: { detected: 'image/jpeg' } });
    expect(rejection('a.pdf', 'application/pdf', popplerPng)).toMatchObject({ reason: 'content_mismatch', details: { detected: 'image/png' } });
    expect(rejection('a.pdf', 'application/pdf', Buffer.from('MZ\x90\x00\x03', 'latin1'))).toMatchObject({ reason: 'content_mismatch', details: { detected: 'application/x-msdownload' } });
    expect(rejection('a.pdf', 'application/pdf', Buffer.from('PK\x03\x04rest', 'latin1'))).toMatchObject({ reason: 'content_mismatch', details: { detected: 'application/zip' } });
    expect(rejection('a.jpg', 'image/png', Buffer.from('unknown bytes'))).toMatchObject({ reason: 'content_mismatch', details: { declaredType: 'image/png', extension: '.jpg' } });
  });

  describe('corrupt PDFs', () => {
    const corrupt = (content: Buffer) => rejection('a.pdf', 'application/pdf', content);

    it('truncated anywhere', () => {
      for (const fraction of [0.1, 0.5, 0.9]) {
        expect(corrupt(pdf.subarray(0, Math.floor(pdf.length * fraction)))).toMatchObject({ reason: 'corrupt', details: { problem: 'no_eof' } });
      }
      expect(corrupt(pdf.subarray(0, pdf.length - 7)).reason).toBe('corrupt'); // "%%EOF\n" and a byte gone
    });

    it('without the %PDF- header, without startxref, with a startxref outside the file or off target', () => {
      expect(corrupt(Buffer.concat([Buffer.from('hello '), pdf]))).toMatchObject({ reason: 'corrupt', details: { problem: 'no_signature' } });
      expect(corrupt(Buffer.concat([Buffer.from('%PDF-x'), pdf.subarray(6)]))).toMatchObject({ reason: 'corrupt', details: { problem: 'bad_header' } });
      const text = pdf.toString('latin1');
      expect(corrupt(Buffer.from(text.replace(/startxref/g, 'startxrof'), 'latin1'))).toMatchObject({ details: { problem: 'no_startxref' } });
      expect(corrupt(Buffer.from(text.replace(/startxref\n(\d+)/, 'startxref\n99999999'), 'latin1'))).toMatchObject({ details: { problem: 'bad_startxref' } });
      expect(corrupt(Buffer.from(text.replace(/startxref\n(\d+)/, (_, n: string) => `startxref\n${Number(n) - 5}`), 'latin1'))).toMatchObject({ details: { problem: 'bad_startxref' } });
    });

    it('a header and nothing else', () => {
      expect(corrupt(Buffer.from('%PDF-1.4\n'))).toMatchObject({ reason: 'corrupt', details: { problem: 'no_eof' } });
      expect(corrupt(Buffer.from('%PDF-1.4\n%%EOF\n'))).toMatchObject({ reason: 'corrupt', details: { problem: 'no_startxref' } });
    });
  });

  it('a password-protected PDF: pdfkit userPassword, and /Encrypt in a cross-reference stream', () => {
    expect(rejection('a.pdf', 'application/pdf', encryptedPdf)).toEqual({ reason: 'encrypted', details: { declaredType: 'application/pdf' } });
    expect(rejection('a.pdf', 'application/pdf', xrefStreamPdf('/Encrypt 3 0 R')).reason).toBe('encrypted');
    expect(rejection('a.pdf', 'application/pdf', xrefStreamPdf('/Encr#79pt 3 0 R')).reason).toBe('encrypted'); // a #-escaped name
  });

  it('a PDF with only an owner password: it opens without one, but its content is encrypted', () => {
    expect(rejection('a.pdf', 'application/pdf', ownerOnlyPdf).reason).toBe('encrypted');
  });

  it('an encrypted PDF behind incremental updates: the /Prev chain is followed', () => {
    const once = withUpdate(encryptedPdf, '<< /Size 9 /Root 1 0 R /Prev $PREV >>');
    expect(rejection('a.pdf', 'application/pdf', once).reason).toBe('encrypted');
    let many = encryptedPdf;
    for (let i = 0; i < 10; i++) many = withUpdate(many, '<< /Size 9 /Root 1 0 R /Prev $PREV >>');
    expect(rejection('a.pdf', 'application/pdf', many).reason).toBe('encrypted');
    // and a plain PDF whose update adds /Encrypt
    expect(rejection('a.pdf', 'application/pdf', withUpdate(pdf, '<< /Size 9 /Root 1 0 R /Encrypt 7 0 R /Prev $PREV >>')).reason).toBe('encrypted');
  });

  describe('corrupt PNGs', () => {
    const corrupt = (content: Buffer) => rejection('a.png', 'image/png', content);

    it('a bad IHDR CRC, a bad IHDR, no IHDR', () => {
      const bad = Buffer.from(png());
      bad[16 + 3] = (bad[16 + 3] ?? 0) ^ 0x01; // width's last byte: the CRC no longer matches
      expect(corrupt(bad)).toEqual({ reason: 'corrupt', details: { declaredType: 'image/png', problem: 'bad_ihdr_crc' } });
      const zeroWidth = Buffer.alloc(13);
      zeroWidth.writeUInt32BE(1, 4);
      zeroWidth[8] = 8;
      const sig = png().subarray(0, 8);
      expect(corrupt(Buffer.concat([sig, pngChunk('IHDR', zeroWidth), pngChunk('IDAT', deflateSync(Buffer.alloc(1))), pngChunk('IEND', Buffer.alloc(0))]))).toMatchObject({ details: { problem: 'bad_ihdr' } });
      const badDepth = Buffer.from(png());
      badDepth[16 + 8] = 3; // bit depth 3 does not exist
      badDepth.writeUInt32BE(crc32(badDepth.subarray(12, 29)), 29);
      expect(corrupt(badDepth)).toMatchObject({ details: { problem: 'bad_ihdr' } });
      expect(corrupt(Buffer.concat([sig, pngChunk('IDAT', deflateSync(Buffer.alloc(1))), pngChunk('IEND', Buffer.alloc(0))]))).toMatchObject({ details: { problem: 'no_ihdr' } });
      expect(corrupt(sig)).toMatchObject({ details: { problem: 'no_ihdr' } });
    });

    it('truncated (no IEND), a bad CRC elsewhere, no IDAT, bytes after IEND', () => {
      const good = popplerPng;
      expect(corrupt(good.subarray(0, good.length - 12))).toMatchObject({ reason: 'corrupt', details: { problem: 'no_iend' } });
      expect(corrupt(good.subarray(0, Math.floor(good.length / 2)))).toMatchObject({ reason: 'corrupt', details: { problem: 'truncated' } });
      const flipped = Buffer.from(good);
      flipped[good.length - 20] = (flipped[good.length - 20] ?? 0) ^ 0xff; // inside the last IDAT
      expect(corrupt(flipped)).toMatchObject({ details: { problem: 'bad_crc' } });
      const bytes = png();
      const noData = Buffer.concat([bytes.subarray(0, 33), pngChunk('IEND', Buffer.alloc(0))]);
      expect(corrupt(noData)).toMatchObject({ details: { problem: 'no_idat' } });
      expect(corrupt(Buffer.concat([bytes, Buffer.from('PK\x03\x04 a zip after the image', 'latin1')]))).toMatchObject({ details: { problem: 'trailing_data' } });
    });
  });

  describe('corrupt JPEGs', () => {
    const corrupt = (content: Buffer) => rejection('a.jpg', 'image/jpeg', content);

    it('without EOI (truncated), SOI alone, no frame before the scan, a segment longer than the file', () => {
      expect(corrupt(popplerJpeg.subarray(0, popplerJpeg.length - 2))).toMatchObject({ reason: 'corrupt', details: { problem: 'no_eoi' } });
      expect(corrupt(popplerJpeg.subarray(0, Math.floor(popplerJpeg.length / 2)))).toMatchObject({ reason: 'corrupt', details: { problem: 'no_eoi' } });
      expect(corrupt(Buffer.from([0xff, 0xd8, 0xff]))).toMatchObject({ reason: 'corrupt', details: { problem: 'truncated' } });
      expect(corrupt(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toMatchObject({ details: { problem: 'bad_marker' } });
      // SOI, SOS (no SOF before it), data, EOI
      expect(corrupt(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x12, 0x34, 0xff, 0xd9]))).toMatchObject({ details: { problem: 'no_frame' } });
      // an APP0 segment that claims 0x4000 bytes
      expect(corrupt(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 0x4a, 0x46, 0xff, 0xd9]))).toMatchObject({ details: { problem: 'truncated' } });
      // garbage where a marker should be
      expect(corrupt(Buffer.concat([popplerJpeg.subarray(0, 2), Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0x12]), popplerJpeg.subarray(2)]))).toMatchObject({ details: { problem: 'bad_marker' } });
    });
  });
});

// ---------------------------------------------------------------- the PDF scan stays linear

describe('pdfIsEncrypted on crafted input', () => {
  it('stops on a /Prev loop and on /Prev offsets outside the file', () => {
    const head = '%PDF-1.4\n';
    const loop = Buffer.from(`${head}xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Prev ${head.length} /XRefStm ${head.length} >>\nstartxref\n${head.length}\n%%EOF\n`, 'latin1');
    expect(pdfIsEncrypted(loop)).toBe(false);
    expect(pdfIsEncrypted(classicPdf('<< /Size 2 /Prev 999999999 /XRefStm 7 >>'))).toBe(false);
  });

  it('is false on a deeply nested, unterminated or malformed dictionary, and never throws', () => {
    expect(pdfIsEncrypted(classicPdf('<<'.repeat(10_000)))).toBe(false);
    expect(pdfIsEncrypted(classicPdf(`<< /Size ${'['.repeat(10_000)} /Encrypt 3 0 R >>`))).toBe(false);
    expect(pdfIsEncrypted(classicPdf(`<< /Size 2 /Note (${'('.repeat(100_000)} /Encrypt 3 0 R >>`))).toBe(false);
    expect(pdfIsEncrypted(classicPdf('<< /Encrypt'))).toBe(false);
    expect(pdfIsEncrypted('no startxref at all /Encrypt')).toBe(false);
  });

  it('reads entries however they are spaced, commented or nested', () => {
    expect(pdfIsEncrypted(classicPdf('<< /Encrypt 3 0 R >>'))).toBe(true);
    expect(pdfIsEncrypted(classicPdf('%comment\r\n<</Size 2/ID[<ab><cd>]/Info<</Title(x)>>/Encrypt<</Filter/Standard>>>>'))).toBe(true);
    expect(pdfIsEncrypted(classicPdf('<< /Size 2 /Root 1 0 R\n% /Encrypt 3 0 R in a comment\n>>'))).toBe(false);
  });
});

// ---------------------------------------------------------------- names

describe('safeFileName', () => {
  it('keeps Vietnamese letters, composed (NFC)', () => {
    const decomposed = 'Giấy khai sinh – Nguyễn Thị Ánh Tuyết.pdf'.normalize('NFD');
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    expect(safeFileName(decomposed)).toBe('Giấy khai sinh – Nguyễn Thị Ánh Tuyết.pdf'.normalize('NFC'));
    expect(safeFileName('ĐƠN ĐỀ NGHỊ (bản chính).pdf')).toBe('ĐƠN ĐỀ NGHỊ (bản chính).pdf');
  });

  it('keeps only the last path segment', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\fakepath\\đơn.pdf')).toBe('đơn.pdf');
    expect(safeFileName('a/b\\c/d.png')).toBe('d.png');
    expect(safeFileName('thư mục/')).toBe('tep-tin');
  });

  it('drops control, format and bidi characters, and leading dots; replaces <>:"|?*', () => {
    expect(safeFileName('a\0b\r\nc\u0007.pdf')).toBe('abc.pdf');
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('zero\u200Bwidth\uFEFF.pdf')).toBe('zerowidth.pdf');
    expect(safeFileName('..hidden.pdf')).toBe('hidden.pdf');
    expect(safeFileName('trailing dots... ')).toBe('trailing dots');
    expect(safeFileName('a<b>c:d"e|f?g*.pdf')).toBe('a_b_c_d_e_f_g_.pdf');
    expect(safeFileName('many \t  spaces.pdf')).toBe('many spaces.pdf');
  });

  it('falls back when nothing is left', () => {
    for (const empty of ['', '...', '/', '\u0000\u0001', '  ']) expect(safeFileName(empty)).toBe('tep-tin');
    expect(safeFileName('..', 'scan')).toBe('scan');
  });

  it('limits the length in characters, keeping the extension', () => {
    const long = `${'Nguyễn '.repeat(100)}.pdf`;
    const safe = safeFileName(long);
    expect([...safe].length).toBeLessThanOrEqual(FILE_NAME_MAX);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(safe.startsWith('Nguyễn Nguyễn')).toBe(true);
    expect(safeFileName('ệ'.repeat(10_000)).length).toBe(FILE_NAME_MAX);
    // A decomposed letter counts once and is never cut between its base and its marks.
    const marks = safeFileName('e\u0323\u0302'.repeat(300));
    expect(marks).toBe('ệ'.repeat(FILE_NAME_MAX));
  });
});

// ---------------------------------------------------------------- the limit, as Fastify enforces it

describe('UPLOAD_LIMIT_BYTES with Fastify bodyLimit', () => {
  it('is 10 MiB: one byte more answers 413 before the handler runs', async () => {
    expect(UPLOAD_LIMIT_BYTES).toBe(10 * 1024 * 1024);
    const app = Fastify();
    let handled = 0;
    app.addContentTypeParser(UPLOAD_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES }, (_req, body, done) => done(null, body));
    app.post('/upload', async (req) => {
      handled++;
      return { size: (req.body as Buffer).length };
    });
    try {
      const at = await app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': 'application/pdf' }, payload: Buffer.alloc(UPLOAD_LIMIT_BYTES) });
      expect(at.statusCode).toBe(200);
      const over = await app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': 'application/pdf' }, payload: Buffer.alloc(UPLOAD_LIMIT_BYTES + 1) });
      expect(over.statusCode).toBe(413);
      expect(handled).toBe(1);
    } finally {
      await app.close();
    }
  });
});
