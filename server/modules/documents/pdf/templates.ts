/**
 * Document templates as data, editable by an administrator: a procedure's
 * result document (e.g. a certificate of marital status) and the courtesy
 * letters a unit sends (congratulations on a birth or a marriage,
 * condolences on a death), filled with values and drawn in the common frame
 * (layout.ts).
 *
 * Decisions:
 * - A template is JSON: a title, paragraphs and the signer's lines, each a
 *   string that may hold placeholders `{{field}}`. A field name is one or
 *   more segments of ASCII letters, digits and underscores joined by dots
 *   (`child.fullName`); nothing else may follow `{{` (the schema and
 *   `fillTemplate` reject `{{ child }}` or an unclosed `{{`), so a filled
 *   template can never show a stray `{{`.
 * - Values are a flat record keyed by the full dotted name, strings only:
 *   dates and amounts are formatted by the caller, in the letter's language.
 *   Only own properties count (`{{constructor}}` is not filled from
 *   Object.prototype). Substitution is one pass, so a value containing
 *   `{{x}}` is printed as is, never expanded. Nothing is escaped: this is PDF
 *   text, not HTML.
 * - A missing value throws `TemplateValuesMissingError` naming every missing
 *   field, never prints "undefined". Unknown fields are reported by
 *   `checkTemplate` (the API answers 4xx naming them) and, when the allowed
 *   fields are known, refused before drawing (`TemplateUnknownFieldsError`).
 *   The errors carry a stable `code`; contracts/errors.ts does not list these
 *   codes yet (the routes that map them are not written).
 * - Some fields are filled by the renderer from its own input (the unit's
 *   name, the date, the chairperson) and win over `values`.
 * - The result document gets the QR code and verification code of the result
 *   and an empty signature area for the visible mark of a digital signature
 *   (`renderResultDocumentWithArea` returns where it is). Courtesy letters
 *   are signed by the chairperson ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / name
 *   in the default templates).
 * - The default templates are Vietnamese only; a unit writes its own for
 *   other languages (`lang` switches the frame's labels).
 */
import { z } from 'zod';
import { formatDate, type Moment } from './format.js';
import { labelsFor, type Lang } from './labels.js';
import { renderDocument, type Block, type Issuer, type SignatureArea } from './layout.js';

// ------------------------------------------------------------------ placeholders

const SEGMENT = /^[A-Za-z0-9_]+$/;
const MAX_FIELD = 100;

/** Whether `name` is a field name: dot-separated segments of ASCII letters, digits and underscores. */
export function isFieldName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_FIELD && name.split('.').every((s) => SEGMENT.test(s));
}

type Token = { kind: 'text'; text: string } | { kind: 'field'; name: string };

/** The literal text and placeholders of a string, or the first malformed `{{…` fragment. */
function tokenize(text: string): { tokens: Token[]; malformed: string | null } {
  const tokens: Token[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('{{', at);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    const name = close < 0 ? '' : text.slice(open + 2, close);
    if (!isFieldName(name)) return { tokens, malformed: text.slice(open, Math.min(text.length, close < 0 ? open + 30 : close + 2)) };
    if (open > at) tokens.push({ kind: 'text', text: text.slice(at, open) });
    tokens.push({ kind: 'field', name });
    at = close + 2;
  }
  if (at < text.length) tokens.push({ kind: 'text', text: text.slice(at) });
  return { tokens, malformed: null };
}

// ------------------------------------------------------------------ errors

export const TEMPLATE_ERROR_CODES = ['TEMPLATE_SYNTAX', 'TEMPLATE_FIELDS_UNKNOWN', 'TEMPLATE_VALUES_MISSING'] as const;
export type TemplateErrorCode = (typeof TEMPLATE_ERROR_CODES)[number];

/** A template problem, with a stable code and the fields (or fragments) concerned. */
export class TemplateError extends Error {
  readonly code: TemplateErrorCode;
  readonly fields: readonly string[];

  constructor(code: TemplateErrorCode, fields: readonly string[], message: string) {
    super(message);
    this.name = 'TemplateError';
    this.code = code;
    this.fields = fields;
  }
}

/** A `{{` that does not open a well-formed placeholder; `fields` holds the fragments. */
export class TemplateSyntaxError extends TemplateError {
  constructor(fragments: readonly string[]) {
    super('TEMPLATE_SYNTAX', fragments, `malformed placeholder: ${fragments.join(', ')}`);
    this.name = 'TemplateSyntaxError';
  }
}

export class TemplateUnknownFieldsError extends TemplateError {
  constructor(fields: readonly string[]) {
    super('TEMPLATE_FIELDS_UNKNOWN', fields, `unknown template fields: ${fields.join(', ')}`);
    this.name = 'TemplateUnknownFieldsError';
  }
}

export class TemplateValuesMissingError extends TemplateError {
  constructor(fields: readonly string[]) {
    super('TEMPLATE_VALUES_MISSING', fields, `no value for template fields: ${fields.join(', ')}`);
    this.name = 'TemplateValuesMissingError';
  }
}

// ------------------------------------------------------------------ schema

/** A template string: trimmed, bounded, every `{{` opening a well-formed placeholder. */
const templateText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      const { malformed } = tokenize(text);
      if (malformed !== null) ctx.addIssue({ code: 'custom', message: `malformed placeholder: ${malformed}` });
    });

/** A document template (JSON), as an administrator edits it. */
export const DocumentTemplate = z.strictObject({
  /** e.g. "Giấy xác nhận tình trạng hôn nhân"; printed in capitals. */
  title: templateText(300),
  subtitle: templateText(500).nullable().optional(),
  /** Body paragraphs, justified with the first line indented; "\n" breaks a line. */
  paragraphs: z.array(templateText(5000)).min(1).max(200),
  /** The line above the title, e.g. "TM. ỦY BAN NHÂN DÂN". */
  signerAuthority: templateText(200).nullable().optional(),
  /** e.g. "Chủ tịch"; printed in capitals. */
  signerTitle: templateText(200),
  /** e.g. "{{chairperson.fullName}}". */
  signerName: templateText(200).nullable().optional(),
  /** "Nơi nhận" lines. */
  recipients: z.array(templateText(300)).max(30).optional(),
});
export type DocumentTemplate = z.infer<typeof DocumentTemplate>;

/** Values by full field name ("child.fullName"), already formatted. */
export type TemplateValues = Readonly<Record<string, string>>;

/** Every string of a template, in reading order. */
function templateStrings(t: DocumentTemplate): string[] {
  const out = [t.title];
  if (t.subtitle) out.push(t.subtitle);
  out.push(...t.paragraphs);
  if (t.signerAuthority) out.push(t.signerAuthority);
  out.push(t.signerTitle);
  if (t.signerName) out.push(t.signerName);
  out.push(...(t.recipients ?? []));
  return out;
}

function tokensOf(text: string): Token[] {
  const { tokens, malformed } = tokenize(text);
  if (malformed !== null) throw new TemplateSyntaxError([malformed]);
  return tokens;
}

/** The placeholders used, once each, in order of first appearance. Throws TemplateSyntaxError on a malformed one. */
export function templateFields(t: DocumentTemplate): string[] {
  const seen = new Set<string>();
  for (const text of templateStrings(t)) for (const token of tokensOf(text)) if (token.kind === 'field') seen.add(token.name);
  return [...seen];
}

/** The fields used that are not in `allowedFields` (empty when the template is fine). */
export function checkTemplate(t: DocumentTemplate, allowedFields: readonly string[]): string[] {
  const allowed = new Set(allowedFields);
  return templateFields(t).filter((f) => !allowed.has(f));
}

function valueOf(values: TemplateValues, name: string): string | undefined {
  if (!Object.hasOwn(values, name)) return undefined;
  const value: unknown = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The template with every placeholder replaced. Throws TemplateValuesMissingError naming every field without a value. */
export function fillTemplate(t: DocumentTemplate, values: TemplateValues): DocumentTemplate {
  const missing = templateFields(t).filter((f) => valueOf(values, f) === undefined);
  if (missing.length > 0) throw new TemplateValuesMissingError(missing);
  const fill = (text: string): string =>
    tokensOf(text)
      .map((token) => (token.kind === 'text' ? token.text : (valueOf(values, token.name) ?? '')))
      .join('');
  const filled: DocumentTemplate = {
    title: fill(t.title),
    paragraphs: t.paragraphs.map(fill),
    signerTitle: fill(t.signerTitle),
  };
  if (t.subtitle !== undefined) filled.subtitle = t.subtitle === null ? null : fill(t.subtitle);
  if (t.signerAuthority !== undefined) filled.signerAuthority = t.signerAuthority === null ? null : fill(t.signerAuthority);
  if (t.signerName !== undefined) filled.signerName = t.signerName === null ? null : fill(t.signerName);
  if (t.recipients !== undefined) filled.recipients = t.recipients.map(fill);
  return filled;
}

// ------------------------------------------------------------------ drawing a filled template

function templateBlocks(t: DocumentTemplate): Block[] {
  return [
    ...t.paragraphs.map((p): Block => ({ kind: 'paragraph', runs: p })),
    {
      kind: 'signatures',
      signers: [{ authority: t.signerAuthority ?? null, title: t.signerTitle, name: t.signerName ?? null }],
      recipients: t.recipients ?? [],
    },
  ];
}

interface FrameInput {
  lang?: Lang;
  issuer: Issuer;
  place: string;
  issuedAt: Moment;
  number?: string | null;
}

/** The fields every renderer fills from its own input. */
function frameValues(input: FrameInput): Record<string, string> {
  const values: Record<string, string> = {
    'unit.name': input.issuer.name,
    'document.date': formatDate(input.lang ?? 'vi', input.issuedAt),
    'document.place': input.place,
  };
  if (input.issuer.parent) values['unit.parent'] = input.issuer.parent;
  if (input.number) values['document.number'] = input.number;
  return values;
}

/** Filled by `renderResultDocument` itself: the frame's and the verification code. */
export const RESULT_BUILTIN_FIELDS = ['unit.name', 'unit.parent', 'document.number', 'document.date', 'document.place', 'verification.code'] as const;

// ------------------------------------------------------------------ result documents

export interface ResultDocumentInput extends FrameInput {
  template: DocumentTemplate;
  values: TemplateValues;
  /** When given, the template may use only these fields (plus RESULT_BUILTIN_FIELDS); others throw TemplateUnknownFieldsError. */
  allowedFields?: readonly string[];
  /** The QR code encodes `url`; `code` is printed under it and in the footer of every page. */
  verification: { url: string; code: string };
}

/** Renders a procedure's result document and says where its digital signature's visible mark goes. */
export async function renderResultDocumentWithArea(input: ResultDocumentInput): Promise<{ pdf: Buffer; signatureArea: SignatureArea | null }> {
  if (input.allowedFields) {
    const unknown = checkTemplate(input.template, [...RESULT_BUILTIN_FIELDS, ...input.allowedFields]);
    if (unknown.length > 0) throw new TemplateUnknownFieldsError(unknown);
  }
  const labels = labelsFor(input.lang);
  const filled = fillTemplate(input.template, { ...input.values, ...frameValues(input), 'verification.code': input.verification.code });
  const rendered = await renderDocument({
    lang: input.lang ?? 'vi',
    issuer: input.issuer,
    number: input.number ?? null,
    place: input.place,
    issuedAt: input.issuedAt,
    title: filled.title,
    subtitle: filled.subtitle ?? null,
    blocks: templateBlocks(filled),
    qr: {
      data: input.verification.url,
      caption: labels.result.qrCaption,
      // The code itself is in the footer of every page.
      lines: [input.verification.url],
    },
    verificationCode: input.verification.code,
    subject: filled.title,
    keywords: [input.verification.code],
  });
  return { pdf: rendered.pdf, signatureArea: rendered.signatureAreas[0] ?? null };
}

/** Renders a procedure's result document from a template and values, in the common frame. */
export async function renderResultDocument(input: ResultDocumentInput): Promise<Buffer> {
  return (await renderResultDocumentWithArea(input)).pdf;
}

// ------------------------------------------------------------------ courtesy letters

export const COURTESY_KINDS = ['birth', 'marriage', 'death'] as const;
export type CourtesyKind = (typeof COURTESY_KINDS)[number];

/** Which of the catalog's courtesy letters (contracts/catalog.ts `COURTESY_LETTERS`) each kind is. */
export const COURTESY_LETTER_OF: Readonly<Record<CourtesyKind, 'congratulation' | 'condolence'>> = {
  birth: 'congratulation',
  marriage: 'congratulation',
  death: 'condolence',
};

/** Filled by `renderCourtesyLetter` itself. */
export const COURTESY_BUILTIN_FIELDS = [
  'unit.name',
  'unit.parent',
  'document.number',
  'document.date',
  'document.place',
  'chairperson.fullName',
  'chairperson.title',
] as const;

/** The fields a courtesy letter of each kind may use: the built-in ones and the kind's own, given in `values`. */
export const COURTESY_FIELDS: Readonly<Record<CourtesyKind, readonly string[]>> = {
  birth: [...COURTESY_BUILTIN_FIELDS, 'child.fullName', 'child.birthDate', 'child.birthPlace', 'parents.names', 'family.address'],
  marriage: [...COURTESY_BUILTIN_FIELDS, 'spouse1.fullName', 'spouse2.fullName', 'marriage.date', 'family.address'],
  death: [...COURTESY_BUILTIN_FIELDS, 'deceased.fullName', 'deceased.birthYear', 'deceased.deathDate', 'family.names', 'family.address'],
};

const CHAIRPERSON_SIGNER = {
  signerAuthority: 'TM. Ủy ban nhân dân',
  signerTitle: '{{chairperson.title}}',
  signerName: '{{chairperson.fullName}}',
} as const;

/** The default letters, in Vietnamese; a unit may replace them with its own. */
export const DEFAULT_COURTESY_TEMPLATES: Readonly<Record<CourtesyKind, DocumentTemplate>> = {
  birth: {
    title: 'Thư chúc mừng',
    paragraphs: [
      'Kính gửi: Gia đình {{parents.names}}',
      'Nhân dịp gia đình đón chào thành viên mới là cháu {{child.fullName}}, sinh ngày {{child.birthDate}}, {{unit.name}} trân trọng gửi tới gia đình lời chúc mừng tốt đẹp nhất.',
      'Chúc cháu {{child.fullName}} luôn mạnh khỏe, ngoan ngoãn, lớn lên trong tình yêu thương của gia đình và sự quan tâm, chăm sóc của cộng đồng. Chúc gia đình luôn mạnh khỏe, hạnh phúc, an khang.',
      'Trân trọng!',
    ],
    ...CHAIRPERSON_SIGNER,
  },
  marriage: {
    title: 'Thư chúc mừng',
    paragraphs: [
      'Kính gửi: {{spouse1.fullName}} và {{spouse2.fullName}}',
      'Nhân dịp {{spouse1.fullName}} và {{spouse2.fullName}} đăng ký kết hôn ngày {{marriage.date}}, {{unit.name}} trân trọng gửi tới hai bạn cùng hai bên gia đình lời chúc mừng tốt đẹp nhất.',
      'Chúc hai bạn trăm năm hạnh phúc, luôn yêu thương, chung thủy, cùng nhau xây dựng gia đình no ấm, bình đẳng, tiến bộ, hạnh phúc và văn minh.',
      'Trân trọng!',
    ],
    ...CHAIRPERSON_SIGNER,
  },
  death: {
    title: 'Thư chia buồn',
    paragraphs: [
      'Kính gửi: Gia quyến {{deceased.fullName}}',
      '{{unit.name}} vô cùng thương tiếc nhận được tin {{deceased.fullName}} đã từ trần ngày {{deceased.deathDate}}.',
      'Trước sự mất mát to lớn này, {{unit.name}} xin gửi tới gia đình lời chia buồn sâu sắc nhất. Mong gia đình sớm vượt qua nỗi đau thương, giữ gìn sức khỏe.',
      'Xin thành kính chia buồn cùng gia đình.',
    ],
    ...CHAIRPERSON_SIGNER,
  },
};

export interface CourtesyLetterInput extends FrameInput {
  kind: CourtesyKind;
  /** The unit's template; DEFAULT_COURTESY_TEMPLATES[kind] when absent. */
  template?: DocumentTemplate | null;
  /** The kind's own fields (COURTESY_FIELDS), e.g. "child.fullName". */
  values: TemplateValues;
  /** Signs the letter; `title` defaults to "Chủ tịch". */
  chairperson: { fullName: string; title?: string | null };
}

/** Renders a congratulation (birth, marriage) or condolence (death) letter, signed by the chairperson. */
export async function renderCourtesyLetter(input: CourtesyLetterInput): Promise<Buffer> {
  const template = input.template ?? DEFAULT_COURTESY_TEMPLATES[input.kind];
  const unknown = checkTemplate(template, COURTESY_FIELDS[input.kind]);
  if (unknown.length > 0) throw new TemplateUnknownFieldsError(unknown);
  const filled = fillTemplate(template, {
    ...input.values,
    ...frameValues(input),
    'chairperson.fullName': input.chairperson.fullName,
    'chairperson.title': input.chairperson.title ?? (input.lang === 'en' ? 'Chairperson' : 'Chủ tịch'),
  });
  const rendered = await renderDocument({
    lang: input.lang ?? 'vi',
    issuer: input.issuer,
    number: input.number ?? null,
    place: input.place,
    issuedAt: input.issuedAt,
    title: filled.title,
    subtitle: filled.subtitle ?? null,
    blocks: templateBlocks(filled),
    subject: filled.title,
    keywords: [COURTESY_LETTER_OF[input.kind]],
  });
  return rendered.pdf;
}

// ------------------------------------------------------------------ an example result template

/**
 * The certificate of marital status (Giấy xác nhận tình trạng hôn nhân), after the form of Circular
 * 04/2020/TT-BTP (wording abridged): an example and a starting point for units.
 */
export const MARITAL_STATUS_TEMPLATE: DocumentTemplate = {
  title: 'Giấy xác nhận tình trạng hôn nhân',
  paragraphs: [
    'Xét đề nghị của ông/bà {{requester.fullName}} về việc xác nhận tình trạng hôn nhân cho {{person.fullName}},',
    '{{unit.name}} xác nhận:',
    'Họ, chữ đệm, tên: {{person.fullName}}\nNgày, tháng, năm sinh: {{person.birthDate}}\nGiới tính: {{person.gender}}; Dân tộc: {{person.ethnicity}}; Quốc tịch: {{person.nationality}}\nSố định danh cá nhân: {{person.idNumber}}\nNơi cư trú: {{person.residence}}',
    'Tình trạng hôn nhân: {{person.maritalStatus}}',
    'Giấy này được cấp để: {{purpose}}',
    'Giấy này có giá trị sử dụng trong thời hạn 06 tháng, kể từ ngày cấp.',
  ],
  signerAuthority: 'TM. Ủy ban nhân dân',
  signerTitle: '{{signer.title}}',
  signerName: '{{signer.fullName}}',
  recipients: ['Người được cấp', 'Lưu: VT, hồ sơ'],
};

/** The fields MARITAL_STATUS_TEMPLATE takes in `values` (besides RESULT_BUILTIN_FIELDS). */
export const MARITAL_STATUS_FIELDS = [
  'requester.fullName',
  'person.fullName',
  'person.birthDate',
  'person.gender',
  'person.ethnicity',
  'person.nationality',
  'person.idNumber',
  'person.residence',
  'person.maritalStatus',
  'purpose',
  'signer.title',
  'signer.fullName',
] as const;
