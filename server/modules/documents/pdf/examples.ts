/**
 * Realistic example inputs for every renderer (a commune-level one-stop desk
 * in Phú Thọ province), used by the tests and handy for previews. Names,
 * numbers and codes are invented.
 */
import type { Applicant } from '../../../../contracts/dossiers.js';
import type {
  ApologyInput,
  ControlSlipInput,
  ReceiptInput,
  RefusalInput,
  RegisterEntry,
  RegisterInput,
  StopNoticeInput,
  SupplementInput,
} from './forms.js';
import type { Issuer } from './layout.js';
import type { CourtesyLetterInput, ResultDocumentInput } from './templates.js';
import { MARITAL_STATUS_TEMPLATE } from './templates.js';

export const ISSUER: Issuer = { parent: 'Ủy ban nhân dân tỉnh Phú Thọ', name: 'Ủy ban nhân dân phường Hòa Bình' };
export const PLACE = 'Hòa Bình';
export const DOSSIER_CODE = 'H55.242-011226-0007';
export const LOOKUP_URL = 'https://motcua.phutho.gov.vn/tra-cuu#code=H55.242-011226-0007&secret=7K2QD-9XPMA-R4TVW-H8JNC-E6BFZ';

export const PERSON: Applicant = {
  kind: 'person',
  fullName: 'Nguyễn Thị Hồng Nhung',
  idNumber: '025190001234',
  birthDate: '1990-03-12',
  address: 'Số 15, đường Cù Chính Lan, tổ 7, phường Hòa Bình, tỉnh Phú Thọ',
  phone: '0912 345 678',
  email: 'nhung.nguyen@example.vn',
};

const PROCEDURE = { code: '1.000894', name: 'Đăng ký kết hôn có yếu tố nước ngoài' };

const dossierBase = {
  issuer: ISSUER,
  place: PLACE,
  number: DOSSIER_CODE,
  dossierCode: DOSSIER_CODE,
  procedure: PROCEDURE,
  applicant: PERSON,
} as const;

export const RECEIPT: ReceiptInput = {
  ...dossierBase,
  issuedAt: '2026-12-01T08:30:00+07:00',
  documents: [
    { name: 'Tờ khai đăng ký kết hôn (theo mẫu)', form: 'original', count: 1 },
    { name: 'Giấy xác nhận tình trạng hôn nhân của người nước ngoài', form: 'original', count: 1 },
    { name: 'Giấy xác nhận của tổ chức y tế về việc không mắc bệnh tâm thần', form: 'original', count: 2 },
    { name: 'Hộ chiếu của người nước ngoài', form: 'certified_copy', count: 1 },
  ],
  sets: 1,
  settlementTime: '15 ngày làm việc',
  receivedAt: '2026-12-01T08:30:00+07:00',
  appointment: { at: '2026-12-22T14:00:00+07:00', place: 'Bộ phận Một cửa, Ủy ban nhân dân phường Hòa Bình, số 1 đường Trần Hưng Đạo' },
  fees: [{ label: 'Lệ phí đăng ký kết hôn có yếu tố nước ngoài', amountVnd: 1_000_000 }],
  register: { book: '03/2026', number: '0007' },
  officer: { fullName: 'Trần Văn Bình' },
  lookup: { url: LOOKUP_URL, secret: '7K2QD-9XPMA-R4TVW-H8JNC-E6BFZ' },
};

export const SUPPLEMENT: SupplementInput = {
  ...dossierBase,
  issuedAt: '2026-12-03T10:00:00+07:00',
  receivedAt: '2026-12-01T08:30:00+07:00',
  missing: [
    { item: 'Giấy xác nhận tình trạng hôn nhân của người nước ngoài', reason: 'đã quá 06 tháng kể từ ngày cấp' },
    { item: 'Bản dịch hộ chiếu sang tiếng Việt có chứng thực chữ ký người dịch' },
    { item: 'Ảnh chân dung cỡ 4 x 6 cm của hai bên nam, nữ', reason: 'chưa nộp' },
  ],
  deadline: '2026-12-18',
  contact: { name: 'Bộ phận Một cửa phường Hòa Bình', phone: '0218 3852 123' },
  officer: { fullName: 'Trần Văn Bình' },
};

export const REFUSAL: RefusalInput = {
  ...dossierBase,
  issuedAt: '2026-12-01T09:15:00+07:00',
  receivedAt: '2026-12-01T08:30:00+07:00',
  reasons: [
    'Người nước ngoài chưa đủ tuổi kết hôn theo quy định của Luật Hôn nhân và gia đình năm 2014.',
    'Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường.',
  ],
  signer: { fullName: 'Trần Văn Bình' },
};

export const APOLOGY: ApologyInput = {
  ...dossierBase,
  issuedAt: '2026-12-21T16:00:00+07:00',
  receivedAt: '2026-12-01T08:30:00+07:00',
  oldDueAt: '2026-12-22T14:00:00+07:00',
  newDueAt: '2026-12-29T14:00:00+07:00',
  reason: 'Cần xác minh thêm thông tin về tình trạng hôn nhân của người nước ngoài với cơ quan có thẩm quyền.',
  signer: { fullName: 'Lê Văn Cường', title: 'Chủ tịch' },
};

export const STOP_NOTICE: StopNoticeInput = {
  ...dossierBase,
  issuedAt: '2026-12-10T15:00:00+07:00',
  requestedAt: '2026-12-09T10:00:00+07:00',
  reason: 'Người nộp hồ sơ đề nghị rút hồ sơ để bổ sung giấy tờ ở nước ngoài.',
  signer: { fullName: 'Lê Văn Cường', title: 'Chủ tịch' },
};

export const CONTROL_SLIP: ControlSlipInput = {
  ...dossierBase,
  issuedAt: '2026-12-22T14:00:00+07:00',
  settlingUnit: 'Ủy ban nhân dân phường Hòa Bình',
  coordinatingUnits: ['Công an phường Hòa Bình'],
  receivedAt: '2026-12-01T08:30:00+07:00',
  dueAt: '2026-12-22T14:00:00+07:00',
  rows: [
    { from: 'Bộ phận Một cửa — Trần Văn Bình', to: 'Công chức tư pháp — hộ tịch', at: '2026-12-01T10:00:00+07:00', result: 'Đúng hạn', note: 'Hồ sơ giấy' },
    { from: 'Công chức tư pháp — hộ tịch', to: 'Lãnh đạo Ủy ban — Lê Văn Cường', at: '2026-12-15T09:00:00+07:00', result: 'Trước hạn' },
    { from: 'Lãnh đạo Ủy ban — Lê Văn Cường', to: 'Bộ phận Một cửa', at: '2026-12-18T16:30:00+07:00', result: 'Đã ký, trước hạn' },
  ],
};

export function registerEntries(count: number): RegisterEntry[] {
  const names = ['Nguyễn Thị Hồng Nhung', 'Phạm Quốc Huy', 'Đặng Thị Ngọc Ánh', 'Bùi Văn Đức', 'Hoàng Thị Thu Hương', 'Vũ Minh Khôi'];
  const procedures = ['Đăng ký khai sinh', 'Đăng ký kết hôn', 'Chứng thực bản sao từ bản chính', 'Đăng ký khai tử', 'Cấp bản sao trích lục hộ tịch'];
  return Array.from({ length: count }, (_, i) => ({
    code: `H55.242-011226-${String(i + 1).padStart(4, '0')}`,
    procedure: procedures[i % procedures.length] ?? '',
    applicant: names[i % names.length] ?? '',
    address: `Tổ ${String((i % 12) + 1)}, phường Hòa Bình`,
    sets: 1,
    receivedAt: `2026-12-01T${String(7 + (i % 10)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:00+07:00`,
    dueAt: '2026-12-08',
    returnedAt: i % 3 === 0 ? '2026-12-05T09:00:00+07:00' : null,
    note: i % 5 === 0 ? 'Trả qua bưu chính' : null,
  }));
}

export const REGISTER: RegisterInput = {
  issuer: ISSUER,
  place: PLACE,
  issuedAt: '2026-12-31',
  book: '03/2026',
  period: { from: '2026-12-01', to: '2026-12-31' },
  entries: registerEntries(8),
  keeper: { fullName: 'Trần Văn Bình' },
};

export const VERIFY_URL = 'https://motcua.phutho.gov.vn/xac-thuc/KQ7M-4TX9-PD2R';

export const MARITAL_STATUS: ResultDocumentInput = {
  issuer: ISSUER,
  place: PLACE,
  issuedAt: '2026-12-05',
  number: '215/UBND-XNTTHN',
  template: MARITAL_STATUS_TEMPLATE,
  values: {
    'requester.fullName': 'Nguyễn Thị Hồng Nhung',
    'person.fullName': 'Nguyễn Thị Hồng Nhung',
    'person.birthDate': '12/03/1990',
    'person.gender': 'Nữ',
    'person.ethnicity': 'Kinh',
    'person.nationality': 'Việt Nam',
    'person.idNumber': '025190001234',
    'person.residence': 'Số 15, đường Cù Chính Lan, tổ 7, phường Hòa Bình, tỉnh Phú Thọ',
    'person.maritalStatus': 'Chưa đăng ký kết hôn với ai',
    purpose: 'Làm thủ tục đăng ký kết hôn',
    'signer.title': 'Chủ tịch',
    'signer.fullName': 'Lê Văn Cường',
  },
  verification: { url: VERIFY_URL, code: 'KQ7M-4TX9-PD2R' },
};

const letterBase = {
  issuer: ISSUER,
  place: PLACE,
  issuedAt: '2026-12-05',
  chairperson: { fullName: 'Lê Văn Cường' },
} as const;

export const BIRTH_LETTER: CourtesyLetterInput = {
  ...letterBase,
  kind: 'birth',
  values: {
    'parents.names': 'ông Phạm Quốc Huy và bà Nguyễn Thị Hồng Nhung',
    'child.fullName': 'Phạm Nguyễn Bảo Ngọc',
    'child.birthDate': '28/11/2026',
  },
};

export const MARRIAGE_LETTER: CourtesyLetterInput = {
  ...letterBase,
  kind: 'marriage',
  values: {
    'spouse1.fullName': 'Phạm Quốc Huy',
    'spouse2.fullName': 'Nguyễn Thị Hồng Nhung',
    'marriage.date': '01/12/2026',
  },
};

export const CONDOLENCE_LETTER: CourtesyLetterInput = {
  ...letterBase,
  kind: 'death',
  values: {
    'deceased.fullName': 'cụ Bùi Văn Đức',
    'deceased.deathDate': '02/12/2026',
  },
};
