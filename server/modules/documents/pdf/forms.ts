/**
 * The seven forms of the one-stop mechanism (one-stop-rules.md, "The seven
 * forms"; Circular 03/2025/TT-VPCP, Appendix I, numbering unconfirmed), one
 * render function each: plain typed input in, PDF bytes out, no I/O.
 *
 *   01 renderReceipt       receipt and appointment slip
 *   02 renderSupplementRequest  request for supplementation
 *   03 renderRefusal       refusal to accept or settle
 *   04 renderApology       apology and extension request
 *   05 renderStopNotice    notice of stopping
 *   06 renderControlSlip   processing control slip
 *   07 renderRegisterPage  a page (or pages) of the dossier register
 *
 * Decisions:
 * - Every label comes from labels.ts by the input's `lang` (`vi` default);
 *   the values (names, units, procedure names) are printed as given, so the
 *   caller passes the English names of units and procedures when it has them.
 * - The applicant is the dossier's `Applicant` (contracts/dossiers.ts): a
 *   person prints the identification number, an organisation its tax code and
 *   representative; the birth date is not printed (no need on these slips).
 * - Times are printed in Asia/Ho_Chi_Minh (format.ts). The caller decides the
 *   document's date (`issuedAt`); nothing reads the clock.
 * - Form 02 lists every missing item in one slip (Decree 118/2025 Art. 16:
 *   guide once and completely); forms 02 and 03 refuse empty lists.
 * - The receipt (01) carries the QR code of `lookup.url` at the bottom of
 *   page 1; under it the URL is printed without its fragment, and the lookup
 *   secret, when given, on its own line (a secret passed in the fragment is
 *   not printed twice). Fees: "Không" without fees, "1.000.000 đồng (label)"
 *   for one, the total and one line each for several.
 * - A signer's position defaults to the form's ("Người tiếp nhận hồ sơ",
 *   "Thủ trưởng cơ quan", …); `OfficialRef.title`/`authority` override it.
 * - The register (07) keeps A4 portrait like the other forms, with fewer
 *   columns than the circular's sample (which is landscape): code,
 *   procedure, applicant and address, sets, received, due, returned, note.
 */
import type { Applicant } from '../../../../contracts/dossiers.js';
import { formatDate, formatDateTime, formatShortDateTime, formatVnd, type Moment } from './format.js';
import { labelsFor, type DocumentForm, type Labels, type Lang } from './labels.js';
import { renderDocument, type Block, type DocumentSpec, type Issuer } from './layout.js';

// ------------------------------------------------------------------ inputs

/** What every form takes: language, issuing unit, place and date, and the document's number. */
export interface FormBase {
  lang?: Lang;
  issuer: Issuer;
  /** The place in the date line, e.g. "Hòa Bình". */
  place: string;
  /** The document's date (date line, PDF CreationDate). */
  issuedAt: Moment;
  /** Printed "Số: …" under the issuer; omitted when absent. */
  number?: string | null;
}

export interface ProcedureRef {
  code?: string | null;
  name: string;
}

export interface OfficialRef {
  fullName: string;
  /** Overrides the form's default position (e.g. "Phó Chủ tịch"). */
  title?: string | null;
  /** The line above the position, e.g. "KT. CHỦ TỊCH". */
  authority?: string | null;
}

/** Common to the slips about one dossier. */
export interface DossierFormBase extends FormBase {
  dossierCode: string;
  procedure: ProcedureRef;
  applicant: Applicant;
}

export interface ReceiptDocument {
  name: string;
  form: DocumentForm;
  count: number;
}

export interface Fee {
  label: string;
  /** Integer VND. */
  amountVnd: number;
}

/** Form 01. */
export interface ReceiptInput extends DossierFormBase {
  documents: readonly ReceiptDocument[];
  sets: number;
  /** The statutory time as worded for people, e.g. "05 ngày làm việc"; omitted when absent. */
  settlementTime?: string | null;
  receivedAt: Moment;
  appointment: { at: Moment; place: string };
  fees: readonly Fee[];
  register: { book?: string | null; number: string };
  officer: OfficialRef;
  /** The QR code encodes `url`; `secret` (the lookup secret) is printed beside it when given. */
  lookup: { url: string; secret?: string | null };
}

export interface SupplementItem {
  item: string;
  reason?: string | null;
}

/** Form 02. */
export interface SupplementInput extends DossierFormBase {
  receivedAt: Moment;
  /** Every missing or wrong item, at least one. */
  missing: readonly SupplementItem[];
  deadline?: Moment | null;
  /** Whom to ask: a name or a desk, and a phone number. */
  contact?: { name: string; phone?: string | null } | null;
  officer: OfficialRef;
}

/** Form 03. */
export interface RefusalInput extends DossierFormBase {
  receivedAt: Moment;
  /** At least one. */
  reasons: readonly string[];
  signer: OfficialRef;
}

/** Form 04. */
export interface ApologyInput extends DossierFormBase {
  receivedAt: Moment;
  oldDueAt: Moment;
  newDueAt: Moment;
  reason: string;
  signer: OfficialRef;
}

/** Form 05. */
export interface StopNoticeInput extends DossierFormBase {
  /** When the applicant asked to stop. */
  requestedAt: Moment;
  reason: string;
  signer: OfficialRef;
}

export interface ControlRow {
  from: string;
  to: string;
  at: Moment;
  result: string;
  note?: string | null;
}

/** Form 06. */
export interface ControlSlipInput extends DossierFormBase {
  settlingUnit: string;
  coordinatingUnits?: readonly string[];
  receivedAt: Moment;
  dueAt?: Moment | null;
  rows: readonly ControlRow[];
}

export interface RegisterEntry {
  code: string;
  procedure: string;
  applicant: string;
  address?: string | null;
  sets: number;
  receivedAt: Moment;
  dueAt?: Moment | null;
  returnedAt?: Moment | null;
  note?: string | null;
}

/** Form 07. */
export interface RegisterInput extends FormBase {
  book?: string | null;
  period: { from: Moment; to: Moment };
  entries: readonly RegisterEntry[];
  keeper?: OfficialRef | null;
}

// ------------------------------------------------------------------ shared pieces

const applicantName = (a: Applicant): string => (a.kind === 'person' ? a.fullName : a.name);

const you = (l: Labels, a: Applicant): string => l.you[a.kind === 'person' ? 'person' : 'organisation'];

/** The applicant's name (bold), identification and contact lines. */
function applicantBlocks(l: Labels, a: Applicant): Block[] {
  const name: [string, string] = [a.kind === 'person' ? l.party.person : l.party.organisation, applicantName(a)];
  const rows: [string, string][] =
    a.kind === 'person' ? [[l.party.idNumber, a.idNumber]] : [[l.party.taxCode, a.taxCode], [l.party.representative, a.representative]];
  rows.push([l.party.address, a.address]);
  const blocks: Block[] = [
    { kind: 'fields', rows: [name], strong: true },
    { kind: 'fields', rows },
  ];
  // Phone and e-mail share a line.
  const contact: string[] = [];
  if (a.phone) contact.push(`${l.party.phone}: ${a.phone}`);
  if (a.email) contact.push(`${l.party.email}: ${a.email}`);
  if (contact.length > 0) blocks.push({ kind: 'paragraph', runs: contact.join('; '), indent: false, align: 'left', compact: true });
  return blocks;
}

function dossierHeadBlocks(l: Labels, input: DossierFormBase): Block[] {
  return [{ kind: 'fields', rows: [[l.dossier.code, input.dossierCode]], strong: true }];
}

function procedureBlock(l: Labels, p: ProcedureRef): Block {
  return { kind: 'fields', rows: [[l.dossier.procedure, p.code ? `${p.name} (${p.code})` : p.name]], strong: true };
}

function signer(l: Labels, who: OfficialRef, defaultTitle: string, withHint: boolean): { authority: string | null; title: string; hint: string | null; name: string } {
  return { authority: who.authority ?? null, title: who.title ?? defaultTitle, hint: withHint ? l.frame.signHint : null, name: who.fullName };
}

function base(input: FormBase, title: string, blocks: Block[], extra: Partial<DocumentSpec> = {}): DocumentSpec {
  return {
    lang: input.lang ?? 'vi',
    issuer: input.issuer,
    number: input.number ?? null,
    place: input.place,
    issuedAt: input.issuedAt,
    title,
    blocks,
    ...extra,
  };
}

async function render(spec: DocumentSpec): Promise<Buffer> {
  return (await renderDocument(spec)).pdf;
}

function numbered(n: number, text: string): string {
  return `${String(n)}. ${text}`;
}

// ------------------------------------------------------------------ 01 receipt

function feeText(lang: Lang, l: Labels, fees: readonly Fee[]): { value: string; items: string[] } {
  if (fees.length === 0) return { value: l.receipt.noFee, items: [] };
  const total = fees.reduce((s, f) => s + f.amountVnd, 0);
  if (fees.length === 1 && fees[0]) return { value: `${formatVnd(lang, total)} (${fees[0].label})`, items: [] };
  return { value: `${l.receipt.feesTotal} ${formatVnd(lang, total)}`, items: fees.map((f) => `${f.label}: ${formatVnd(lang, f.amountVnd)}`) };
}

/** Form 01: receipt and appointment slip, with a QR code to the lookup URL. */
export async function renderReceipt(input: ReceiptInput): Promise<Buffer> {
  const lang = input.lang ?? 'vi';
  const l = labelsFor(lang);
  const r = l.receipt;
  const fees = feeText(lang, l, input.fees);
  // Item 1 is the documents table; the others are numbered on from 2, skipping the ones not given.
  const items: [label: string, value: string, strong: boolean][] = [[r.sets, r.setsValue(input.sets), false]];
  if (input.settlementTime) items.push([r.settlementTime, input.settlementTime, false]);
  items.push(
    [r.receivedAt, formatDateTime(lang, input.receivedAt), false],
    [r.appointment, formatDateTime(lang, input.appointment.at), true],
    [r.returnPlace, input.appointment.place, false],
    [r.fees, fees.value, false],
  );
  const lines = items.map(([label, value, strong], i): Block => ({ kind: 'fields', rows: [[numbered(i + 2, label), value]], strong }));
  const blocks: Block[] = [
    ...dossierHeadBlocks(l, input),
    { kind: 'paragraph', runs: r.receivedFrom(input.issuer.name), indent: false, align: 'left' },
    ...applicantBlocks(l, input.applicant),
    procedureBlock(l, input.procedure),
    { kind: 'paragraph', runs: numbered(1, r.documents), indent: false, align: 'left' },
    {
      kind: 'table',
      columns: [
        { header: l.table.no, width: 0.8, align: 'center' },
        { header: r.documentName, width: 6.6 },
        { header: r.documentForm, width: 2.5 },
        { header: r.documentCount, width: 1.3, align: 'center' },
      ],
      rows: input.documents.map((d, i) => [String(i + 1), d.name, l.documentForms[d.form], String(d.count)]),
    },
    ...lines,
    ...(fees.items.length > 0 ? [{ kind: 'list', items: fees.items, style: 'dash' } as const] : []),
    { kind: 'paragraph', runs: r.register(input.register.book ?? null, input.register.number), indent: false, align: 'left', italic: true },
    {
      kind: 'signatures',
      signers: [
        { title: r.applicantSigner, hint: l.frame.signHint, name: applicantName(input.applicant) },
        signer(l, input.officer, r.officerSigner, true),
      ],
    },
  ];
  // Printed without its fragment: a secret carried there is printed on its own line, once.
  const qrLines = [input.lookup.url.split('#')[0] ?? input.lookup.url];
  if (input.lookup.secret) qrLines.push(`${r.lookupSecret}: ${input.lookup.secret}`);
  return render(
    base(input, r.title, blocks, {
      qr: { data: input.lookup.url, caption: r.qrCaption, lines: qrLines },
      subject: `${r.title} — ${input.dossierCode}`,
      keywords: [input.dossierCode, ...(input.procedure.code ? [input.procedure.code] : [])],
    }),
  );
}

// ------------------------------------------------------------------ 02 supplementation

/** Form 02: request for supplementation, every missing or wrong item at once. */
export async function renderSupplementRequest(input: SupplementInput): Promise<Buffer> {
  if (input.missing.length === 0) throw new RangeError('a request for supplementation lists at least one item');
  const lang = input.lang ?? 'vi';
  const l = labelsFor(lang);
  const s = l.supplement;
  const blocks: Block[] = [
    ...dossierHeadBlocks(l, input),
    { kind: 'paragraph', runs: s.intro(formatDate(lang, input.receivedAt), input.issuer.name), indent: false, align: 'left' },
    ...applicantBlocks(l, input.applicant),
    procedureBlock(l, input.procedure),
    { kind: 'paragraph', runs: s.ask, indent: false, align: 'left', bold: true },
    { kind: 'list', items: input.missing.map((m) => (m.reason ? `${m.item} (${s.reason}: ${m.reason})` : m.item)) },
    ...(input.deadline ? [{ kind: 'fields', rows: [[s.deadline, formatDateTime(lang, input.deadline)]], strong: true } as const] : []),
    { kind: 'paragraph', runs: s.once, italic: true },
    ...(input.contact ? [{ kind: 'paragraph', runs: s.contact(input.contact.name, input.contact.phone ?? null) } as const] : []),
    { kind: 'signatures', signers: [signer(l, input.officer, s.signer, true)] },
  ];
  return render(base(input, s.title, blocks, { subject: `${s.title} — ${input.dossierCode}`, keywords: [input.dossierCode] }));
}

// ------------------------------------------------------------------ 03 refusal

/** Form 03: refusal to accept or settle, with the reasons. */
export async function renderRefusal(input: RefusalInput): Promise<Buffer> {
  if (input.reasons.length === 0) throw new RangeError('a refusal gives at least one reason');
  const lang = input.lang ?? 'vi';
  const l = labelsFor(lang);
  const f = l.refusal;
  const blocks: Block[] = [
    ...dossierHeadBlocks(l, input),
    { kind: 'paragraph', runs: f.intro(formatDate(lang, input.receivedAt), input.issuer.name), indent: false, align: 'left' },
    ...applicantBlocks(l, input.applicant),
    procedureBlock(l, input.procedure),
    { kind: 'paragraph', runs: f.reasons },
    { kind: 'list', items: input.reasons },
    { kind: 'paragraph', runs: f.closing(you(l, input.applicant)) },
    { kind: 'signatures', signers: [signer(l, input.signer, f.signer, true)] },
  ];
  return render(base(input, f.title, blocks, { subject: `${f.title} — ${input.dossierCode}`, keywords: [input.dossierCode] }));
}

// ------------------------------------------------------------------ 04 apology

/** Form 04: apology and extension request, with the reason and the old and new dates. */
export async function renderApology(input: ApologyInput): Promise<Buffer> {
  const lang = input.lang ?? 'vi';
  const l = labelsFor(lang);
  const a = l.apology;
  const addressee = you(l, input.applicant);
  const blocks: Block[] = [
    ...dossierHeadBlocks(l, input),
    { kind: 'paragraph', runs: a.intro(formatDate(lang, input.receivedAt), input.issuer.name), indent: false, align: 'left' },
    ...applicantBlocks(l, input.applicant),
    procedureBlock(l, input.procedure),
    { kind: 'fields', rows: [[a.oldDue, formatDateTime(lang, input.oldDueAt)]] },
    { kind: 'paragraph', runs: a.notYet(input.issuer.name, addressee) },
    { kind: 'paragraph', runs: `${a.reason}: ${input.reason}` },
    { kind: 'paragraph', runs: a.sorry(input.issuer.name, addressee, formatDateTime(lang, input.newDueAt)) },
    { kind: 'fields', rows: [[a.newDue, formatDateTime(lang, input.newDueAt)]], strong: true },
    { kind: 'signatures', signers: [signer(l, input.signer, a.signer, false)] },
  ];
  return render(base(input, a.title, blocks, { subject: `${a.title} — ${input.dossierCode}`, keywords: [input.dossierCode] }));
}

// ------------------------------------------------------------------ 05 stop

/** Form 05: notice of stopping, at the applicant's request. */
export async function renderStopNotice(input: StopNoticeInput): Promise<Buffer> {
  const lang = input.lang ?? 'vi';
  const l = labelsFor(lang);
  const s = l.stop;
  const blocks: Block[] = [
    ...dossierHeadBlocks(l, input),
    { kind: 'paragraph', runs: s.intro(input.issuer.name, formatDate(lang, input.requestedAt)), indent: false, align: 'left' },
    ...applicantBlocks(l, input.applicant),
    procedureBlock(l, input.procedure),
    { kind: 'fields', rows: [[s.reason, input.reason]] },
    { kind: 'paragraph', runs: s.kept },
    { kind: 'signatures', signers: [signer(l, input.signer, s.signer, false)] },
  ];
  return render(base(input, s.title, blocks, { subject: `${s.title} — ${input.dossierCode}`, keywords: [input.dossierCode] }));
}

// ------------------------------------------------------------------ 06 control slip

/** Form 06: processing control slip, one row per hand-over. */
export async function renderControlSlip(input: ControlSlipInput): Promise<Buffer> {
  const lang = input.lang ?? 'vi';
  const l = labelsFor(lang);
  const c = l.control;
  const units: [string, string][] = [[c.settlingUnit, input.settlingUnit]];
  if (input.coordinatingUnits && input.coordinatingUnits.length > 0) units.push([c.coordinatingUnits, input.coordinatingUnits.join('; ')]);
  const times: [string, string][] = [[c.receivedAt, formatDateTime(lang, input.receivedAt)]];
  if (input.dueAt) times.push([c.dueAt, formatDateTime(lang, input.dueAt)]);
  const blocks: Block[] = [
    ...dossierHeadBlocks(l, input),
    { kind: 'fields', rows: [[l.party.person, applicantName(input.applicant)]], strong: true },
    procedureBlock(l, input.procedure),
    { kind: 'fields', rows: units },
    { kind: 'fields', rows: times },
    {
      kind: 'table',
      columns: [
        { header: l.table.no, width: 0.7, align: 'center' },
        { header: c.from, width: 2.6 },
        { header: c.to, width: 2.6 },
        { header: c.at, width: 2 },
        { header: c.result, width: 2.4 },
        { header: c.note, width: 1.9 },
      ],
      rows: input.rows.map((row, i) => [String(i + 1), row.from, row.to, formatShortDateTime(row.at), row.result, row.note ?? '']),
    },
  ];
  return render(base(input, c.title, blocks, { subject: `${c.title} — ${input.dossierCode}`, keywords: [input.dossierCode] }));
}

// ------------------------------------------------------------------ 07 register

/** Form 07: the dossier register, one line per dossier; long registers run over several pages. */
export async function renderRegisterPage(input: RegisterInput): Promise<Buffer> {
  const lang = input.lang ?? 'vi';
  const l = labelsFor(lang);
  const g = l.register;
  const head: Block[] = [];
  if (input.book) head.push({ kind: 'fields', rows: [[g.book, input.book]], strong: true });
  head.push({
    kind: 'paragraph',
    runs: g.period(formatDate(lang, input.period.from), formatDate(lang, input.period.to), input.entries.length),
    indent: false,
    align: 'left',
  });
  const blocks: Block[] = [
    ...head,
    {
      kind: 'table',
      columns: [
        // Widths in points at 8 pt: a dossier code and a date fit on one line.
        { header: l.table.no, width: 23, align: 'center' },
        { header: g.code, width: 101 },
        { header: g.procedure, width: 54 },
        { header: g.applicant, width: 60 },
        { header: g.sets, width: 22, align: 'center' },
        { header: g.receivedAt, width: 54 },
        { header: g.dueAt, width: 54 },
        { header: g.returnedAt, width: 54 },
        { header: g.note, width: 31 },
      ],
      size: 8,
      rows: input.entries.map((e, i) => [
        String(i + 1),
        e.code,
        e.procedure,
        e.address ? `${e.applicant}; ${e.address}` : e.applicant,
        String(e.sets),
        formatShortDateTime(e.receivedAt),
        e.dueAt ? formatShortDateTime(e.dueAt) : '',
        e.returnedAt ? formatShortDateTime(e.returnedAt) : '',
        e.note ?? '',
      ]),
    },
  ];
  if (input.keeper) blocks.push({ kind: 'signatures', signers: [signer(l, input.keeper, g.keeper, true)] });
  return render(base(input, g.title, blocks, { subject: input.book ? `${g.title} — ${input.book}` : g.title }));
}
