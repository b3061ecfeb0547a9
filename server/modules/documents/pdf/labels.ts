/**
 * Every user-facing label of the PDFs, one typed dictionary per language:
 * Vietnamese (`vi`, the default) and English (`en`). The drawing code
 * (layout.ts, forms.ts) only picks entries from here; `Labels` makes a
 * missing English entry a type error.
 *
 * Decisions: labels that take values are functions, so the word order stays
 * natural in each language without a template engine. The Vietnamese wording
 * follows the forms of Circular 01/2018/TT-VPCP, carried over by Circular
 * 03/2025/TT-VPCP (one-stop-rules.md, "The seven forms"; numbering
 * unconfirmed) and the web print views (web/src/i18n, `print.*`). Titles are
 * written in sentence case; the layout upper-cases them (Decree 30/2020:
 * the document type name in bold capitals).
 */
import type { DOCUMENT_FORMS } from '../../../../contracts/catalog.js';

/** How a document is handed in (contracts/catalog.ts `DOCUMENT_FORMS`). */
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Who the slips address: a person or an organisation. */
export type AddresseeKind = 'person' | 'organisation';

export interface Labels {
  /** BCP 47 tag written into the PDF catalog (/Lang) for screen readers. */
  pdfLang: string;
  /** Producer/Creator of the PDF metadata. */
  creator: string;
  frame: {
    number: string;
    motto: string;
    mottoLine: string;
    recipients: string;
    verificationCode: string;
    signHint: string;
  };
  documentForms: Record<DocumentForm, string>;
  /** "ông/bà" or "quý tổ chức", as used mid-sentence. */
  you: Record<AddresseeKind, string>;
  party: {
    person: string;
    organisation: string;
    idNumber: string;
    taxCode: string;
    representative: string;
    birthDate: string;
    address: string;
    phone: string;
    email: string;
  };
  dossier: {
    code: string;
    procedure: string;
  };
  table: { no: string };
  none: string;
  receipt: {
    title: string;
    receivedFrom: (unit: string) => string;
    documents: string;
    documentName: string;
    documentForm: string;
    documentCount: string;
    sets: string;
    setsValue: (count: number) => string;
    settlementTime: string;
    receivedAt: string;
    appointment: string;
    returnPlace: string;
    fees: string;
    feesTotal: string;
    noFee: string;
    register: (book: string | null, number: string) => string;
    applicantSigner: string;
    officerSigner: string;
    qrCaption: string;
    lookupSecret: string;
  };
  supplement: {
    title: string;
    intro: (at: string, unit: string) => string;
    ask: string;
    reason: string;
    deadline: string;
    once: string;
    contact: (who: string, phone: string | null) => string;
    signer: string;
  };
  refusal: {
    title: string;
    intro: (at: string, unit: string) => string;
    reasons: string;
    closing: (you: string) => string;
    signer: string;
  };
  apology: {
    title: string;
    intro: (at: string, unit: string) => string;
    oldDue: string;
    notYet: (unit: string, you: string) => string;
    reason: string;
    sorry: (unit: string, you: string, newDate: string) => string;
    newDue: string;
    signer: string;
  };
  stop: {
    title: string;
    intro: (unit: string, at: string) => string;
    reason: string;
    kept: string;
    signer: string;
  };
  control: {
    title: string;
    settlingUnit: string;
    coordinatingUnits: string;
    receivedAt: string;
    dueAt: string;
    from: string;
    to: string;
    at: string;
    result: string;
    note: string;
  };
  register: {
    title: string;
    book: string;
    period: (from: string, to: string, total: number) => string;
    code: string;
    procedure: string;
    applicant: string;
    sets: string;
    receivedAt: string;
    dueAt: string;
    returnedAt: string;
    note: string;
    keeper: string;
  };
  result: {
    qrCaption: string;
  };
}

const vi: Labels = {
  pdfLang: 'vi-VN',
  creator: 'Motcua — một cửa điện tử',
  frame: {
    number: 'Số',
    motto: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    mottoLine: 'Độc lập - Tự do - Hạnh phúc',
    recipients: 'Nơi nhận:',
    verificationCode: 'Mã xác thực',
    signHint: '(Ký và ghi rõ họ tên)',
  },
  documentForms: {
    original: 'Bản chính',
    copy: 'Bản sao',
    original_or_copy: 'Bản chính hoặc bản sao',
    certified_copy: 'Bản sao chứng thực',
  },
  you: { person: 'ông/bà', organisation: 'quý cơ quan, tổ chức' },
  party: {
    person: 'Họ và tên',
    organisation: 'Tên tổ chức',
    idNumber: 'Số định danh cá nhân',
    taxCode: 'Mã số thuế',
    representative: 'Người đại diện',
    birthDate: 'Ngày sinh',
    address: 'Địa chỉ',
    phone: 'Số điện thoại',
    email: 'Thư điện tử',
  },
  dossier: {
    code: 'Mã hồ sơ',
    procedure: 'Nội dung yêu cầu giải quyết',
  },
  table: { no: 'STT' },
  none: 'Không',
  receipt: {
    title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    receivedFrom: (unit) => `${unit} đã tiếp nhận hồ sơ của:`,
    documents: 'Thành phần hồ sơ nộp gồm:',
    documentName: 'Tên giấy tờ',
    documentForm: 'Hình thức',
    documentCount: 'Số lượng',
    sets: 'Số lượng hồ sơ',
    setsValue: (count) => `${String(count)} bộ`,
    settlementTime: 'Thời gian giải quyết hồ sơ theo quy định',
    receivedAt: 'Thời gian nhận hồ sơ',
    appointment: 'Thời gian trả kết quả giải quyết hồ sơ',
    returnPlace: 'Nơi trả kết quả',
    fees: 'Phí, lệ phí',
    feesTotal: 'Tổng cộng',
    noFee: 'Không',
    register: (book, number) => (book ? `Vào Sổ theo dõi hồ sơ, Quyển số: ${book}, Số thứ tự: ${number}` : `Vào Sổ theo dõi hồ sơ, Số thứ tự: ${number}`),
    applicantSigner: 'Người nộp hồ sơ',
    officerSigner: 'Người tiếp nhận hồ sơ',
    qrCaption: 'Quét mã QR để tra cứu tình trạng giải quyết hồ sơ',
    lookupSecret: 'Mã tra cứu',
  },
  supplement: {
    title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    intro: (at, unit) => `Ngày ${at}, ${unit} tiếp nhận hồ sơ của:`,
    ask: 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:',
    reason: 'Lý do',
    deadline: 'Thời hạn bổ sung, hoàn thiện hồ sơ',
    once: 'Phiếu này nêu đầy đủ, một lần tất cả các nội dung cần bổ sung, hoàn thiện.',
    contact: (who, phone) =>
      phone
        ? `Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, xin liên hệ ${who}, số điện thoại ${phone} để được hướng dẫn.`
        : `Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, xin liên hệ ${who} để được hướng dẫn.`,
    signer: 'Người hướng dẫn',
  },
  refusal: {
    title: 'Phiếu từ chối tiếp nhận, giải quyết hồ sơ',
    intro: (at, unit) => `Ngày ${at}, ${unit} tiếp nhận hồ sơ của:`,
    reasons: 'Qua xem xét, cơ quan thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
    closing: (you) => `Xin thông báo để ${you} được biết và thực hiện./.`,
    signer: 'Người tiếp nhận hồ sơ',
  },
  apology: {
    title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
    intro: (at, unit) => `Ngày ${at}, ${unit} tiếp nhận hồ sơ của:`,
    oldDue: 'Thời gian hẹn trả kết quả giải quyết hồ sơ',
    notYet: (unit, you) => `Tuy nhiên đến nay, ${unit} chưa trả kết quả giải quyết hồ sơ của ${you}.`,
    reason: 'Lý do',
    sorry: (unit, you, newDate) =>
      `Sự chậm trễ này đã gây phiền hà cho ${you}. ${unit} xin lỗi ${you} và sẽ trả kết quả giải quyết hồ sơ vào ${newDate}.`,
    newDue: 'Thời gian hẹn trả kết quả mới',
    signer: 'Thủ trưởng cơ quan',
  },
  stop: {
    title: 'Thông báo dừng giải quyết hồ sơ',
    intro: (unit, at) => `Theo đề nghị ngày ${at} của người nộp hồ sơ, ${unit} thông báo dừng giải quyết hồ sơ của:`,
    reason: 'Lý do',
    kept: 'Hồ sơ và toàn bộ quá trình giải quyết được lưu giữ theo quy định.',
    signer: 'Thủ trưởng cơ quan',
  },
  control: {
    title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    settlingUnit: 'Cơ quan giải quyết hồ sơ',
    coordinatingUnits: 'Cơ quan phối hợp giải quyết',
    receivedAt: 'Thời gian nhận hồ sơ',
    dueAt: 'Thời gian hẹn trả kết quả',
    from: 'Bên giao',
    to: 'Bên nhận',
    at: 'Thời gian giao, nhận',
    result: 'Kết quả giải quyết',
    note: 'Ghi chú',
  },
  register: {
    title: 'Sổ theo dõi hồ sơ',
    book: 'Quyển số',
    period: (from, to, total) => `Hồ sơ tiếp nhận từ ngày ${from} đến ngày ${to}: ${String(total)} hồ sơ.`,
    code: 'Mã hồ sơ',
    procedure: 'Tên thủ tục hành chính',
    applicant: 'Tổ chức, cá nhân; địa chỉ',
    sets: 'Số bộ',
    receivedAt: 'Nhận hồ sơ',
    dueAt: 'Hẹn trả kết quả',
    returnedAt: 'Trả kết quả',
    note: 'Ghi chú',
    keeper: 'Người lập sổ',
  },
  result: {
    qrCaption: 'Quét mã QR để kiểm tra tính xác thực của văn bản',
  },
};

const en: Labels = {
  pdfLang: 'en',
  creator: 'Motcua — electronic one-stop platform',
  frame: {
    number: 'No.',
    motto: 'SOCIALIST REPUBLIC OF VIET NAM',
    mottoLine: 'Independence - Freedom - Happiness',
    recipients: 'Recipients:',
    verificationCode: 'Verification code',
    signHint: '(Signature and full name)',
  },
  documentForms: {
    original: 'Original',
    copy: 'Copy',
    original_or_copy: 'Original or copy',
    certified_copy: 'Certified copy',
  },
  you: { person: 'you', organisation: 'your organisation' },
  party: {
    person: 'Full name',
    organisation: 'Organisation',
    idNumber: 'Personal identification number',
    taxCode: 'Tax code',
    representative: 'Representative',
    birthDate: 'Date of birth',
    address: 'Address',
    phone: 'Phone',
    email: 'E-mail',
  },
  dossier: {
    code: 'Dossier code',
    procedure: 'Request',
  },
  table: { no: 'No.' },
  none: 'None',
  receipt: {
    title: 'Receipt and appointment slip',
    receivedFrom: (unit) => `${unit} has received the dossier of:`,
    documents: 'Documents submitted:',
    documentName: 'Document',
    documentForm: 'Form',
    documentCount: 'Count',
    sets: 'Number of sets',
    setsValue: (count) => (count === 1 ? '1 set' : `${String(count)} sets`),
    settlementTime: 'Statutory settlement time',
    receivedAt: 'Received at',
    appointment: 'Result due at',
    returnPlace: 'Result returned at',
    fees: 'Fees and charges',
    feesTotal: 'Total',
    noFee: 'None',
    register: (book, number) => (book ? `Entered in the dossier register, book ${book}, entry ${number}` : `Entered in the dossier register, entry ${number}`),
    applicantSigner: 'Applicant',
    officerSigner: 'Receiving officer',
    qrCaption: 'Scan the QR code to follow the dossier',
    lookupSecret: 'Lookup secret',
  },
  supplement: {
    title: 'Request for supplementation',
    intro: (at, unit) => `On ${at}, ${unit} received the dossier of:`,
    ask: 'Please supplement or complete the dossier with the following:',
    reason: 'Reason',
    deadline: 'Deadline to supplement',
    once: 'This request lists, at once, everything to supplement or complete.',
    contact: (who, phone) =>
      phone ? `If anything is unclear, please contact ${who}, phone ${phone}, for guidance.` : `If anything is unclear, please contact ${who} for guidance.`,
    signer: 'Officer giving guidance',
  },
  refusal: {
    title: 'Refusal to accept or settle a dossier',
    intro: (at, unit) => `On ${at}, ${unit} received the dossier of:`,
    reasons: 'Having examined it, the agency does not accept or settle this dossier, for the following reasons:',
    closing: (you) => `This is to inform ${you} accordingly.`,
    signer: 'Receiving officer',
  },
  apology: {
    title: 'Apology and re-appointment slip',
    intro: (at, unit) => `On ${at}, ${unit} received the dossier of:`,
    oldDue: 'Result due at',
    notYet: (unit, you) => `However, ${unit} has not yet returned the result to ${you}.`,
    reason: 'Reason',
    sorry: (unit, you, newDate) => `We regret the inconvenience caused to ${you}. ${unit} apologises and will return the result on ${newDate}.`,
    newDue: 'New date for the result',
    signer: 'Head of agency',
  },
  stop: {
    title: 'Notice of stopping',
    intro: (unit, at) => `At the applicant's request of ${at}, ${unit} stops settling the dossier of:`,
    reason: 'Reason',
    kept: 'The dossier and its whole history are kept as required.',
    signer: 'Head of agency',
  },
  control: {
    title: 'Processing control slip',
    settlingUnit: 'Settling agency',
    coordinatingUnits: 'Coordinating agencies',
    receivedAt: 'Received at',
    dueAt: 'Result due at',
    from: 'Handed over by',
    to: 'Received by',
    at: 'Time',
    result: 'Result',
    note: 'Note',
  },
  register: {
    title: 'Dossier register',
    book: 'Book',
    period: (from, to, total) => `Dossiers received from ${from} to ${to}: ${String(total)}.`,
    code: 'Dossier code',
    procedure: 'Procedure',
    applicant: 'Applicant; address',
    sets: 'Sets',
    receivedAt: 'Received',
    dueAt: 'Due',
    returnedAt: 'Returned',
    note: 'Note',
    keeper: 'Register keeper',
  },
  result: {
    qrCaption: 'Scan the QR code to verify this document',
  },
};

export const LABELS: Readonly<Record<Lang, Labels>> = { vi, en };

/** The dictionary of a language; `vi` when none is given. */
export function labelsFor(lang: Lang | undefined): Labels {
  return LABELS[lang ?? 'vi'];
}
