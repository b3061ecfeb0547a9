/**
 * The seven forms, read back from the real PDF with poppler and zbar: the
 * Vietnamese text and its diacritics survive extraction, pages are A4, fonts
 * are embedded, the receipt's QR code decodes to the lookup URL, long tables
 * run onto further pages with their column headings (and only those)
 * repeated, the English variant speaks English, and the output is the same
 * bytes for the same input.
 */
import { describe, expect, it } from 'vitest';
import {
  APOLOGY,
  CONTROL_SLIP,
  DOSSIER_CODE,
  LOOKUP_URL,
  RECEIPT,
  REFUSAL,
  REGISTER,
  registerEntries,
  STOP_NOTICE,
  SUPPLEMENT,
} from './examples.js';
import {
  renderApology,
  renderControlSlip,
  renderReceipt,
  renderRefusal,
  renderRegisterPage,
  renderStopNotice,
  renderSupplementRequest,
  type ReceiptInput,
} from './forms.js';
import { flat, pdfFonts, pdfInfo, pdfText, qrCodes } from './pdf-tools.js';

const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO_LINE = 'Độc lập - Tự do - Hạnh phúc';

/** What every form shares: A4, embedded Unicode fonts, the frame's header on page 1. */
async function expectFrame(pdf: Buffer, pages: number): Promise<string> {
  const info = await pdfInfo(pdf);
  expect(info['Page size']).toBe('595.28 x 841.89 pts (A4)');
  expect(info.Pages).toBe(String(pages));
  const fonts = await pdfFonts(pdf);
  expect(fonts.length).toBeGreaterThanOrEqual(2);
  for (const font of fonts) {
    expect(font.name).toMatch(/^[A-Z]{6}\+BeVietnamPro-/);
    expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
  }
  const first = await pdfText(pdf, { first: 1 });
  expect(first).toContain(MOTTO);
  expect(first).toContain(MOTTO_LINE);
  expect(first).toContain('ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ');
  expect(first).toContain('ỦY BAN NHÂN DÂN PHƯỜNG HÒA BÌNH');
  return pdfText(pdf);
}

describe('form 01: receipt and appointment slip', () => {
  it('prints the dossier, the applicant, the documents, the dates, the fee and both signature lines', async () => {
    const pdf = await renderReceipt(RECEIPT);
    const text = await expectFrame(pdf, 1);
    const f = flat(text);
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Hòa Bình, ngày 01 tháng 12 năm 2026');
    expect(text).toContain(`Số: ${DOSSIER_CODE}`);
    expect(text).toContain(`Mã hồ sơ: ${DOSSIER_CODE}`);
    expect(text).toContain('Họ và tên: Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Số định danh cá nhân: 025190001234');
    expect(f).toContain('Nội dung yêu cầu giải quyết: Đăng ký kết hôn có yếu tố nước ngoài (1.000894)');
    for (const d of ['Tờ khai đăng ký kết hôn (theo mẫu)', 'Hộ chiếu của người nước ngoài']) expect(f).toContain(d);
    expect(f).toContain('Bản sao chứng thực');
    expect(text).toContain('Số lượng hồ sơ: 1 bộ');
    expect(text).toContain('Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 01/12/2026');
    expect(text).toContain('Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 00 phút, ngày 22/12/2026');
    expect(f).toContain('Nơi trả kết quả: Bộ phận Một cửa, Ủy ban nhân dân phường Hòa Bình');
    expect(f).toContain('Phí, lệ phí: 1.000.000 đồng (Lệ phí đăng ký kết hôn có yếu tố nước ngoài)');
    expect(text).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: 03/2026, Số thứ tự: 0007');
    expect(text).toContain('NGƯỜI NỘP HỒ SƠ');
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(text).toContain('Trần Văn Bình');
    expect(text).toContain('Mã tra cứu: 7K2QD-9XPMA-R4TVW-H8JNC-E6BFZ');
    // A single page has no page number.
    expect(text.split('\n').some((line) => line.trim() === '1')).toBe(false);
  });

  it('carries a QR code that decodes to the lookup URL given', async () => {
    const pdf = await renderReceipt(RECEIPT);
    expect(await qrCodes(pdf, 1)).toEqual([LOOKUP_URL]);
  });

  it('writes the metadata from the input, not the clock, and the same bytes for the same input', async () => {
    const a = await renderReceipt(RECEIPT);
    const b = await renderReceipt({ ...RECEIPT });
    expect(a.equals(b)).toBe(true);
    const info = await pdfInfo(a);
    expect(info.Title).toBe('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    expect(info.Author).toBe('Ủy ban nhân dân phường Hòa Bình');
    expect(info.Subject).toBe(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả — ${DOSSIER_CODE}`);
    expect(info.Keywords).toBe(`${DOSSIER_CODE}, 1.000894`);
    expect(info.CreationDate).toBe('Tue Dec  1 01:30:00 2026 UTC');
    // Another dossier: another file ID (the trailer's /ID comes from the content).
    const c = await renderReceipt({ ...RECEIPT, dossierCode: 'H55.242-011226-0008' });
    const id = (pdf: Buffer): string => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))?.[1] ?? '';
    expect(id(a)).toMatch(/^[0-9a-f]{32}$/);
    expect(id(c)).not.toBe(id(a));
  });

  it('normalises decomposed (NFD) input to NFC', async () => {
    const nfd = (s: string): string => s.normalize('NFD');
    const input: ReceiptInput = {
      ...RECEIPT,
      applicant: { ...RECEIPT.applicant, kind: 'person', fullName: nfd('Nguyễn Thị Hồng Nhung') } as ReceiptInput['applicant'],
      procedure: { ...RECEIPT.procedure, name: nfd('Đăng ký kết hôn có yếu tố nước ngoài') },
    };
    expect(input.procedure.name).not.toBe(input.procedure.name.normalize('NFC'));
    const text = await pdfText(await renderReceipt(input));
    expect(text).toContain('Họ và tên: Nguyễn Thị Hồng Nhung');
    expect(flat(text)).toContain('Đăng ký kết hôn có yếu tố nước ngoài');
  });

  it('runs a long documents list onto a second page, repeating the column headings but not the header', async () => {
    const documents = Array.from({ length: 30 }, (_, i) => ({
      name: `Giấy tờ chứng minh quyền sử dụng đất số ${String(i + 1)} (bản đồ địa chính, trích lục thửa đất)`,
      form: 'copy' as const,
      count: 1 + (i % 3),
    }));
    const pdf = await renderReceipt({ ...RECEIPT, documents });
    const info = await pdfInfo(pdf);
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    const second = await pdfText(pdf, { first: 2 });
    expect(second.split('\n').find((l) => l.trim() !== '')?.trim()).toBe('2'); // the page number, top centre
    expect(second).toContain('Tên giấy tờ'); // the table's headings again
    expect(second).not.toContain(MOTTO);
    expect(second).not.toContain('GIẤY TIẾP NHẬN');
    expect(second).not.toContain('Mã hồ sơ:');
    // Every document is listed once, in order.
    const all = flat(await pdfText(pdf));
    let at = 0;
    for (let i = 1; i <= 30; i++) {
      const found = all.indexOf(`quyền sử dụng đất số ${String(i)} (`, at);
      expect(found, `document ${String(i)}`).toBeGreaterThan(at);
      at = found;
    }
    // The QR code stays on page 1.
    expect(await qrCodes(pdf, 1)).toEqual([LOOKUP_URL]);
  });

  it('cuts a table cell taller than a page with an ellipsis instead of breaking the layout', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `đoạn ${String(i)}`).join(' ');
    const pdf = await renderReceipt({ ...RECEIPT, documents: [{ name: long, form: 'original', count: 1 }, ...RECEIPT.documents] });
    const text = flat(await pdfText(pdf, undefined, { raw: true }));
    expect(text).toContain('đoạn 0 đoạn 1');
    expect(text).not.toContain('đoạn 399');
    expect(text).toContain('…');
    expect(text).toContain('Tờ khai đăng ký kết hôn (theo mẫu)');
    expect(Number((await pdfInfo(pdf)).Pages)).toBeLessThanOrEqual(3);
  });

  it('speaks English with lang "en"', async () => {
    const pdf = await renderReceipt({ ...RECEIPT, lang: 'en', fees: [{ label: 'Registration fee', amountVnd: 1_000_000 }] });
    const text = await expectFrameEnglish(pdf);
    const f = flat(text);
    expect(text).toContain('RECEIPT AND APPOINTMENT SLIP');
    expect(text).toContain('Hòa Bình, 1 December 2026');
    expect(text).toContain(`No.: ${DOSSIER_CODE}`);
    expect(text).toContain(`Dossier code: ${DOSSIER_CODE}`);
    expect(text).toContain('Full name: Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Documents submitted:');
    expect(f).toContain('Certified copy');
    expect(text).toContain('Number of sets: 1 set');
    expect(text).toContain('Received at: 08:30, 1 December 2026');
    expect(text).toContain('Result due at: 14:00, 22 December 2026');
    expect(f).toContain('Fees and charges: 1,000,000 VND (Registration fee)');
    expect(text).toContain('APPLICANT');
    expect(text).toContain('RECEIVING OFFICER');
    expect(text).toContain('(Signature and full name)');
    for (const vi of ['Họ và tên', 'Mã hồ sơ', 'Số lượng hồ sơ', 'Thời gian nhận hồ sơ', 'Phí, lệ phí', 'đồng', 'Ký và ghi rõ']) expect(text).not.toContain(vi);
    expect((await pdfInfo(pdf)).Title).toBe('Receipt and appointment slip');
  });

  it('prints "Không" without fees and lists several fees with their total', async () => {
    expect(await pdfText(await renderReceipt({ ...RECEIPT, fees: [] }))).toContain('Phí, lệ phí: Không');
    const text = flat(
      await pdfText(
        await renderReceipt({
          ...RECEIPT,
          fees: [
            { label: 'Lệ phí', amountVnd: 1_000_000 },
            { label: 'Phí thẩm định', amountVnd: 250_000 },
          ],
        }),
      ),
    );
    expect(text).toContain('Phí, lệ phí: Tổng cộng 1.250.000 đồng');
    expect(text).toContain('- Lệ phí: 1.000.000 đồng');
    expect(text).toContain('- Phí thẩm định: 250.000 đồng');
  });

  it('prints an organisation with its tax code and representative', async () => {
    const text = await pdfText(
      await renderReceipt({
        ...RECEIPT,
        applicant: {
          kind: 'organisation',
          name: 'Công ty TNHH Xây dựng Đại Phát',
          taxCode: '5400123456',
          representative: 'Đinh Quang Vũ',
          address: 'Số 8 đường Hòa Bình, phường Hòa Bình',
        },
      }),
    );
    expect(text).toContain('Tên tổ chức: Công ty TNHH Xây dựng Đại Phát');
    expect(text).toContain('Mã số thuế: 5400123456');
    expect(text).toContain('Người đại diện: Đinh Quang Vũ');
  });
});

async function expectFrameEnglish(pdf: Buffer): Promise<string> {
  const info = await pdfInfo(pdf);
  expect(info['Page size']).toBe('595.28 x 841.89 pts (A4)');
  const text = await pdfText(pdf);
  expect(text).toContain('SOCIALIST REPUBLIC OF VIET NAM');
  expect(text).toContain('Independence - Freedom - Happiness');
  expect(text).not.toContain(MOTTO);
  return text;
}

describe('form 02: request for supplementation', () => {
  it('lists every missing item, with its reason, and the deadline', async () => {
    const pdf = await renderSupplementRequest(SUPPLEMENT);
    const text = await expectFrame(pdf, 1);
    const f = flat(text);
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain('Hòa Bình, ngày 03 tháng 12 năm 2026');
    expect(f).toContain('Ngày 01/12/2026, Ủy ban nhân dân phường Hòa Bình tiếp nhận hồ sơ của:');
    expect(f).toContain('1. Giấy xác nhận tình trạng hôn nhân của người nước ngoài (Lý do: đã quá 06 tháng kể từ ngày cấp)');
    expect(f).toContain('2. Bản dịch hộ chiếu sang tiếng Việt có chứng thực chữ ký người dịch');
    expect(f).toContain('3. Ảnh chân dung cỡ 4 x 6 cm của hai bên nam, nữ (Lý do: chưa nộp)');
    expect(text).toContain('Thời hạn bổ sung, hoàn thiện hồ sơ: 18/12/2026');
    expect(f).toContain('nêu đầy đủ, một lần tất cả các nội dung cần bổ sung');
    expect(f).toContain('Bộ phận Một cửa phường Hòa Bình, số điện thoại 0218 3852 123');
    expect(text).toContain('NGƯỜI HƯỚNG DẪN');
  });

  it('refuses an empty list', async () => {
    await expect(renderSupplementRequest({ ...SUPPLEMENT, missing: [] })).rejects.toThrow(RangeError);
  });
});

describe('form 03: refusal', () => {
  it('gives the reasons', async () => {
    const text = await expectFrame(await renderRefusal(REFUSAL), 1);
    const f = flat(text);
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ');
    expect(f).toContain('thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:');
    expect(f).toContain('1. Người nước ngoài chưa đủ tuổi kết hôn theo quy định của Luật Hôn nhân và gia đình năm 2014.');
    expect(f).toContain('2. Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường.');
    expect(f).toContain('Xin thông báo để ông/bà được biết và thực hiện./.');
  });

  it('refuses to print a refusal without a reason', async () => {
    await expect(renderRefusal({ ...REFUSAL, reasons: [] })).rejects.toThrow(RangeError);
  });
});

describe('form 04: apology and extension request', () => {
  it('gives the reason and the old and new dates', async () => {
    const text = await expectFrame(await renderApology(APOLOGY), 1);
    const f = flat(text);
    expect(text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(f).toContain('Thời gian hẹn trả kết quả giải quyết hồ sơ: 14 giờ 00 phút, ngày 22/12/2026');
    expect(f).toContain('Lý do: Cần xác minh thêm thông tin về tình trạng hôn nhân');
    expect(f).toContain('xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ vào 14 giờ 00 phút, ngày 29/12/2026.');
    expect(f).toContain('Thời gian hẹn trả kết quả mới: 14 giờ 00 phút, ngày 29/12/2026');
    expect(text).toContain('CHỦ TỊCH');
    expect(text).toContain('Lê Văn Cường');
  });
});

describe('form 05: notice of stopping', () => {
  it('says the dossier stops at the applicant’s request, with the reason', async () => {
    const text = await expectFrame(await renderStopNotice(STOP_NOTICE), 1);
    const f = flat(text);
    expect(text).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(f).toContain('Theo đề nghị ngày 09/12/2026 của người nộp hồ sơ, Ủy ban nhân dân phường Hòa Bình thông báo dừng giải quyết hồ sơ của:');
    expect(f).toContain('Lý do: Người nộp hồ sơ đề nghị rút hồ sơ để bổ sung giấy tờ ở nước ngoài.');
    expect(f).toContain('toàn bộ quá trình giải quyết được lưu giữ');
  });
});

describe('form 06: processing control slip', () => {
  it('has one row per hand-over: from, to, time, result, note', async () => {
    const pdf = await renderControlSlip(CONTROL_SLIP);
    const text = await expectFrame(pdf, 1);
    const f = flat(text);
    const cells = flat(await pdfText(pdf, undefined, { raw: true }));
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(f).toContain('Cơ quan giải quyết hồ sơ: Ủy ban nhân dân phường Hòa Bình');
    expect(f).toContain('Cơ quan phối hợp giải quyết: Công an phường Hòa Bình');
    for (const heading of ['Bên giao', 'Bên nhận', 'Thời gian', 'Ghi chú']) expect(text).toContain(heading);
    const rows = [
      '1 Bộ phận Một cửa — Trần Văn Bình Công chức tư pháp — hộ tịch 01/12/2026 10:00 Đúng hạn Hồ sơ giấy',
      '2 Công chức tư pháp — hộ tịch Lãnh đạo Ủy ban — Lê Văn Cường 15/12/2026 09:00 Trước hạn',
      '3 Lãnh đạo Ủy ban — Lê Văn Cường Bộ phận Một cửa 18/12/2026 16:30 Đã ký, trước hạn',
    ];
    for (const row of rows) expect(cells).toContain(row);
  });
});

describe('form 07: dossier register', () => {
  it('prints one line per dossier', async () => {
    const pdf = await renderRegisterPage(REGISTER);
    const text = await expectFrame(pdf, 1);
    const cells = flat(await pdfText(pdf, undefined, { raw: true }));
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text).toContain('Quyển số: 03/2026');
    expect(text).toContain('Hồ sơ tiếp nhận từ ngày 01/12/2026 đến ngày 31/12/2026: 8 hồ sơ.');
    expect(cells).toContain('1 H55.242-011226-0001 Đăng ký khai sinh Nguyễn Thị Hồng Nhung; Tổ 1, phường Hòa Bình 1 01/12/2026 07:00 08/12/2026 05/12/2026 09:00 Trả qua bưu chính');
    expect(cells).toContain('3 H55.242-011226-0003 Chứng thực bản sao từ bản chính Đặng Thị Ngọc Ánh; Tổ 3, phường Hòa Bình 1 01/12/2026 09:14 08/12/2026');
    for (const e of REGISTER.entries) expect(cells).toContain(e.code);
    expect(text).toContain('NGƯỜI LẬP SỔ');
  });

  it('runs a long register over several pages: every dossier once, headings on each page, header once', async () => {
    const entries = registerEntries(60);
    const pdf = await renderRegisterPage({ ...REGISTER, entries });
    const pages = Number((await pdfInfo(pdf)).Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    const all = flat(await pdfText(pdf));
    for (const e of entries) expect(all.split(e.code).length - 1, e.code).toBe(1);
    for (let p = 2; p <= pages; p++) {
      const text = await pdfText(pdf, { first: p });
      expect(text.split('\n').find((l) => l.trim() !== '')?.trim()).toBe(String(p));
      expect(text).toContain('Mã hồ sơ');
      expect(text).not.toContain(MOTTO);
      expect(text).not.toContain('SỔ THEO DÕI HỒ SƠ');
      expect(text).not.toContain('Quyển số');
    }
    expect(await pdfText(pdf, { first: pages })).toContain('NGƯỜI LẬP SỔ');
  });

  it('speaks English with lang "en"', async () => {
    const text = await pdfText(await renderRegisterPage({ ...REGISTER, lang: 'en' }));
    expect(text).toContain('DOSSIER REGISTER');
    expect(text).toContain('Dossiers received from 1 December 2026 to 31 December 2026: 8.');
    expect(text).toContain('REGISTER KEEPER');
    expect(text).not.toContain('Mã hồ sơ');
  });
});

describe('every form in English', () => {
  it('uses the English labels', async () => {
    const cases: [Promise<Buffer>, string, string][] = [
      [renderSupplementRequest({ ...SUPPLEMENT, lang: 'en' }), 'REQUEST FOR SUPPLEMENTATION', 'Please supplement or complete the dossier'],
      [renderRefusal({ ...REFUSAL, lang: 'en' }), 'REFUSAL TO ACCEPT OR SETTLE A DOSSIER', 'for the following reasons:'],
      [renderApology({ ...APOLOGY, lang: 'en' }), 'APOLOGY AND RE-APPOINTMENT SLIP', 'New date for the result: 14:00, 29 December 2026'],
      [renderStopNotice({ ...STOP_NOTICE, lang: 'en' }), 'NOTICE OF STOPPING', "At the applicant's request of 9 December 2026"],
      [renderControlSlip({ ...CONTROL_SLIP, lang: 'en' }), 'PROCESSING CONTROL SLIP', 'Handed over by'],
    ];
    for (const [pdf, title, phrase] of cases) {
      const text = flat(await pdfText(await pdf));
      expect(text).toContain(title);
      expect(text).toContain(phrase);
      expect(text).toContain('SOCIALIST REPUBLIC OF VIET NAM');
      expect(text).not.toContain('Mã hồ sơ');
    }
  });
});
