/**
 * Templates as data: the schema, the placeholders, the checks and the
 * filling (with a fast-check property), then result documents and courtesy
 * letters read back from the real PDF.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIRTH_LETTER, CONDOLENCE_LETTER, MARITAL_STATUS, MARRIAGE_LETTER, VERIFY_URL } from './examples.js';
import { A4 } from './layout.js';
import { flat, pdfInfo, pdfText, pdfTextIn, qrCodes } from './pdf-tools.js';
import {
  checkTemplate,
  COURTESY_FIELDS,
  COURTESY_KINDS,
  DEFAULT_COURTESY_TEMPLATES,
  DocumentTemplate,
  fillTemplate,
  MARITAL_STATUS_FIELDS,
  MARITAL_STATUS_TEMPLATE,
  renderCourtesyLetter,
  renderResultDocument,
  renderResultDocumentWithArea,
  RESULT_BUILTIN_FIELDS,
  TemplateError,
  templateFields,
  TemplateSyntaxError,
  TemplateUnknownFieldsError,
  TemplateValuesMissingError,
} from './templates.js';

const SAMPLE: DocumentTemplate = {
  title: 'Giấy xác nhận cho {{person.fullName}}',
  paragraphs: ['Xác nhận {{person.fullName}}, sinh ngày {{person.birthDate}}, cư trú tại {{person.residence}}.', 'Cấp cho {{purpose}}.'],
  signerTitle: '{{signer.title}}',
  signerName: '{{signer.fullName}}',
};

describe('the template schema', () => {
  it('accepts the default templates, which survive a JSON round trip', () => {
    for (const t of [...Object.values(DEFAULT_COURTESY_TEMPLATES), MARITAL_STATUS_TEMPLATE, SAMPLE]) {
      const copy: unknown = JSON.parse(JSON.stringify(t));
      expect(DocumentTemplate.parse(copy)).toEqual(t);
    }
  });

  it('rejects malformed placeholders, unknown keys and empty paragraphs', () => {
    for (const bad of ['Chào {{ child.fullName }}', 'Chào {{child.fullName', 'Chào {{child..fullName}}', 'Chào {{.x}}', 'Chào {{họTên}}', 'Chào {{}}', '{{{a}}}']) {
      const result = DocumentTemplate.safeParse({ ...SAMPLE, paragraphs: [bad] });
      expect(result.success, bad).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toContain('malformed placeholder');
    }
    expect(DocumentTemplate.safeParse({ ...SAMPLE, footer: 'x' }).success).toBe(false);
    expect(DocumentTemplate.safeParse({ ...SAMPLE, paragraphs: [] }).success).toBe(false);
    expect(DocumentTemplate.safeParse({ ...SAMPLE, paragraphs: ['   '] }).success).toBe(false);
    // A lone brace is text.
    expect(DocumentTemplate.safeParse({ ...SAMPLE, paragraphs: ['Điều {1} và } và {a}'] }).success).toBe(true);
  });
});

describe('placeholders', () => {
  it('lists the fields used once each, in order of first appearance', () => {
    expect(templateFields(SAMPLE)).toEqual(['person.fullName', 'person.birthDate', 'person.residence', 'purpose', 'signer.title', 'signer.fullName']);
    expect(templateFields({ title: 'Không có trường', paragraphs: ['Văn bản.'], signerTitle: 'Chủ tịch' })).toEqual([]);
  });

  it('reports the unknown fields', () => {
    const typo: DocumentTemplate = { ...SAMPLE, paragraphs: [...SAMPLE.paragraphs, 'Ghi chú: {{person.fulName}} {{note}} {{note}}'] };
    expect(checkTemplate(typo, ['person.fullName', 'person.birthDate', 'person.residence', 'purpose', 'signer.title', 'signer.fullName'])).toEqual([
      'person.fulName',
      'note',
    ]);
    expect(checkTemplate(SAMPLE, templateFields(SAMPLE))).toEqual([]);
  });

  it('the default templates use only the fields their kind allows', () => {
    for (const kind of COURTESY_KINDS) expect(checkTemplate(DEFAULT_COURTESY_TEMPLATES[kind], COURTESY_FIELDS[kind]), kind).toEqual([]);
    expect(checkTemplate(MARITAL_STATUS_TEMPLATE, [...RESULT_BUILTIN_FIELDS, ...MARITAL_STATUS_FIELDS])).toEqual([]);
  });

  it('throws a typed error naming every field without a value, never printing "undefined"', () => {
    const values = { 'person.fullName': 'Nguyễn Thị Hồng Nhung', 'signer.title': 'Chủ tịch' };
    let caught: unknown;
    try {
      fillTemplate(SAMPLE, values);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateValuesMissingError);
    expect(caught).toBeInstanceOf(TemplateError);
    const error = caught as TemplateValuesMissingError;
    expect(error.code).toBe('TEMPLATE_VALUES_MISSING');
    expect(error.fields).toEqual(['person.birthDate', 'person.residence', 'purpose', 'signer.fullName']);
    // Not-a-string values count as missing.
    expect(() => fillTemplate(SAMPLE, { ...values, 'person.birthDate': undefined, purpose: 7 } as unknown as Record<string, string>)).toThrow(
      TemplateValuesMissingError,
    );
  });

  it('does not read values from Object.prototype', () => {
    const t: DocumentTemplate = { title: 'T', paragraphs: ['{{constructor}} {{toString}} {{__proto__}}'], signerTitle: 'Chủ tịch' };
    expect(() => fillTemplate(t, {})).toThrow(TemplateValuesMissingError);
    const values = Object.fromEntries([
      ['constructor', 'a'],
      ['toString', 'b'],
      ['__proto__', 'c'],
    ]) as Record<string, string>;
    expect(fillTemplate(t, values).paragraphs).toEqual(['a b c']);
  });

  it('prints a value holding "{{x}}" as is, in one pass', () => {
    const filled = fillTemplate({ title: '{{a}}', paragraphs: ['{{a}}{{b}}'], signerTitle: 'Chủ tịch' }, { a: '{{b}}', b: 'B' });
    expect(filled.title).toBe('{{b}}');
    expect(filled.paragraphs).toEqual(['{{b}}B']);
  });

  it('refuses a malformed placeholder when filling a template that bypassed the schema', () => {
    expect(() => fillTemplate({ title: 'T', paragraphs: ['Chào {{ tên }}'], signerTitle: 'Chủ tịch' }, {})).toThrow(TemplateSyntaxError);
  });

  it('property: every placeholder of a generated template is replaced and no "{{" is left', () => {
    const fieldName = fc
      .array(fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/), { minLength: 1, maxLength: 3 })
      .map((segments) => segments.join('.'));
    // Literal text: anything but "{" (a literal "{" right before a placeholder would make "{{{").
    const literal = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replaceAll('{', '('));
    const piece = fc.oneof(literal.map((text) => ({ text })), fieldName.map((field) => ({ field })));
    const text = fc.array(piece, { minLength: 1, maxLength: 8 });
    const value = fc.string({ unit: 'grapheme', maxLength: 10 }).map((s) => s.replaceAll('{', '('));
    fc.assert(
      fc.property(
        fc.record({ title: text, paragraphs: fc.array(text, { minLength: 1, maxLength: 4 }), signerTitle: text, signerName: fc.option(text) }),
        fc.func(value),
        (shape, valueOf) => {
          const render = (pieces: readonly ({ text: string } | { field: string })[]): string =>
            pieces.map((p) => ('text' in p ? p.text : `{{${p.field}}}`)).join('');
          const expected = (pieces: readonly ({ text: string } | { field: string })[]): string =>
            pieces.map((p) => ('text' in p ? p.text : valueOf(p.field))).join('');
          const template: DocumentTemplate = {
            title: render(shape.title),
            paragraphs: shape.paragraphs.map(render),
            signerTitle: render(shape.signerTitle),
            signerName: shape.signerName === null ? null : render(shape.signerName),
          };
          const fields = templateFields(template);
          const values = Object.fromEntries(fields.map((f) => [f, valueOf(f)])) as Record<string, string>;
          const filled = fillTemplate(template, values);
          const strings = [filled.title, ...filled.paragraphs, filled.signerTitle, filled.signerName ?? ''];
          for (const s of strings) expect(s).not.toContain('{{');
          expect(templateFields(filled)).toEqual([]);
          expect(filled.title).toBe(expected(shape.title));
          expect(filled.paragraphs).toEqual(shape.paragraphs.map(expected));
          expect(filled.signerName).toBe(shape.signerName === null ? null : expected(shape.signerName));
          // One value fewer: the missing one is named.
          const [first, ...rest] = fields;
          if (first !== undefined) {
            const fewer = Object.fromEntries(rest.map((f) => [f, valueOf(f)])) as Record<string, string>;
            expect(() => fillTemplate(template, fewer)).toThrow(new TemplateValuesMissingError([first]));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a result document', () => {
  it('renders the template filled, in the frame, with the verification QR code and code', async () => {
    const pdf = await renderResultDocument(MARITAL_STATUS);
    const info = await pdfInfo(pdf);
    expect(info['Page size']).toBe('595.28 x 841.89 pts (A4)');
    expect(info.Pages).toBe('1');
    expect(info.Title).toBe('Giấy xác nhận tình trạng hôn nhân');
    const text = await pdfText(pdf);
    const f = flat(text);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Hòa Bình, ngày 05 tháng 12 năm 2026');
    expect(text).toContain('Số: 215/UBND-XNTTHN');
    expect(text).toContain('GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN');
    expect(f).toContain('Xét đề nghị của ông/bà Nguyễn Thị Hồng Nhung về việc xác nhận tình trạng hôn nhân');
    expect(text).toContain('Ủy ban nhân dân phường Hòa Bình xác nhận:');
    expect(text).toContain('Ngày, tháng, năm sinh: 12/03/1990');
    expect(text).toContain('Tình trạng hôn nhân: Chưa đăng ký kết hôn với ai');
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(text).toContain('CHỦ TỊCH');
    expect(text).toContain('Lê Văn Cường');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('Mã xác thực: KQ7M-4TX9-PD2R');
    expect(text).not.toContain('{{');
    expect(await qrCodes(pdf, 1)).toEqual([VERIFY_URL]);
  });

  it('leaves an empty signature area between the title and the name', async () => {
    const { pdf, signatureArea } = await renderResultDocumentWithArea(MARITAL_STATUS);
    expect(signatureArea).not.toBeNull();
    if (!signatureArea) return;
    expect(signatureArea.page).toBe(0);
    const [x1, y1, x2, y2] = signatureArea.rect;
    expect(x1).toBeGreaterThan(A4.width / 2 - 60);
    expect(x2).toBeLessThanOrEqual(A4.width);
    expect(y2 - y1).toBeGreaterThan(40);
    expect(x2 - x1).toBeGreaterThan(100);
    expect((await pdfTextIn(pdf, 1, signatureArea.rect, A4.height)).trim()).toBe('');
    const above = await pdfTextIn(pdf, 1, [x1, y2, x2, y2 + 40], A4.height);
    expect(above).toContain('CHỦ TỊCH');
    const below = await pdfTextIn(pdf, 1, [x1, y1 - 30, x2, y1], A4.height);
    expect(below).toContain('Lê Văn Cường');
  });

  it('refuses fields outside the allowed ones, and missing values, with typed errors', async () => {
    const typo: DocumentTemplate = { ...MARITAL_STATUS_TEMPLATE, paragraphs: [...MARITAL_STATUS_TEMPLATE.paragraphs, 'Ghi chú: {{person.nickName}}'] };
    await expect(renderResultDocument({ ...MARITAL_STATUS, template: typo, allowedFields: MARITAL_STATUS_FIELDS })).rejects.toThrow(
      new TemplateUnknownFieldsError(['person.nickName']),
    );
    const { purpose: _purpose, ...withoutPurpose } = MARITAL_STATUS.values;
    await expect(renderResultDocument({ ...MARITAL_STATUS, values: withoutPurpose, allowedFields: MARITAL_STATUS_FIELDS })).rejects.toThrow(
      new TemplateValuesMissingError(['purpose']),
    );
    // Built-in fields are allowed and filled: the verification code, the number.
    const withCode: DocumentTemplate = { ...MARITAL_STATUS_TEMPLATE, paragraphs: ['Văn bản số {{document.number}}, mã {{verification.code}}.'] };
    const text = await pdfText(await renderResultDocument({ ...MARITAL_STATUS, template: withCode, allowedFields: MARITAL_STATUS_FIELDS }));
    expect(text).toContain('Văn bản số 215/UBND-XNTTHN, mã KQ7M-4TX9-PD2R.');
  });

  it('puts English labels in the frame with lang "en"', async () => {
    const text = await pdfText(await renderResultDocument({ ...MARITAL_STATUS, lang: 'en' }));
    expect(text).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect(text).toContain('Hòa Bình, 5 December 2026');
    expect(text).toContain('No.: 215/UBND-XNTTHN');
    expect(text).toContain('Verification code: KQ7M-4TX9-PD2R');
    expect(text).toContain('Recipients:');
  });
});

describe('courtesy letters', () => {
  it('congratulates a family on a birth, signed by the chairperson', async () => {
    const pdf = await renderCourtesyLetter(BIRTH_LETTER);
    expect((await pdfInfo(pdf)).Pages).toBe('1');
    const text = await pdfText(pdf);
    const f = flat(text);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('THƯ CHÚC MỪNG');
    expect(f).toContain('Kính gửi: Gia đình ông Phạm Quốc Huy và bà Nguyễn Thị Hồng Nhung');
    expect(f).toContain('đón chào thành viên mới là cháu Phạm Nguyễn Bảo Ngọc, sinh ngày 28/11/2026, Ủy ban nhân dân phường Hòa Bình');
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(text).toContain('CHỦ TỊCH');
    expect(text).toContain('Lê Văn Cường');
    expect(await qrCodes(pdf, 1)).toEqual([]);
  });

  it('congratulates a couple on their marriage', async () => {
    const f = flat(await pdfText(await renderCourtesyLetter(MARRIAGE_LETTER)));
    expect(f).toContain('THƯ CHÚC MỪNG');
    expect(f).toContain('Nhân dịp Phạm Quốc Huy và Nguyễn Thị Hồng Nhung đăng ký kết hôn ngày 01/12/2026');
    expect(f).toContain('trăm năm hạnh phúc');
  });

  it('offers condolences on a death', async () => {
    const f = flat(await pdfText(await renderCourtesyLetter(CONDOLENCE_LETTER)));
    expect(f).toContain('THƯ CHIA BUỒN');
    expect(f).toContain('Kính gửi: Gia quyến cụ Bùi Văn Đức');
    expect(f).toContain('vô cùng thương tiếc nhận được tin cụ Bùi Văn Đức đã từ trần ngày 02/12/2026.');
    expect(f).toContain('lời chia buồn sâu sắc nhất');
    expect(f).not.toContain('CHÚC MỪNG');
  });

  it('uses a unit’s own template, checked against the fields of its kind', async () => {
    const own: DocumentTemplate = {
      title: 'Thư chúc mừng',
      paragraphs: ['Chúc mừng gia đình có thêm cháu {{child.fullName}}!'],
      signerTitle: 'Phó Chủ tịch',
      signerName: '{{chairperson.fullName}}',
    };
    const text = await pdfText(await renderCourtesyLetter({ ...BIRTH_LETTER, template: own, chairperson: { fullName: 'Đỗ Thị Lan' } }));
    expect(text).toContain('Chúc mừng gia đình có thêm cháu Phạm Nguyễn Bảo Ngọc!');
    expect(text).toContain('PHÓ CHỦ TỊCH');
    expect(text).toContain('Đỗ Thị Lan');
    const wrongKind: DocumentTemplate = { ...own, paragraphs: ['Chia buồn về {{deceased.fullName}}'] };
    await expect(renderCourtesyLetter({ ...BIRTH_LETTER, template: wrongKind })).rejects.toThrow(new TemplateUnknownFieldsError(['deceased.fullName']));
    await expect(renderCourtesyLetter({ ...BIRTH_LETTER, values: {} })).rejects.toThrow(TemplateValuesMissingError);
  });

  it('puts English labels in the frame with lang "en"', async () => {
    const text = await pdfText(await renderCourtesyLetter({ ...CONDOLENCE_LETTER, lang: 'en' }));
    expect(text).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect(text).toContain('Hòa Bình, 5 December 2026');
    expect(text).toContain('CHAIRPERSON');
  });
});
