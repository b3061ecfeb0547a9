/**
 * Result templates built in, used until an admin saves a procedure's own:
 * the civil-status extracts whose courtesy letters need the values typed at
 * signing (birth, marriage, death), and a generic result for every other
 * procedure (it needs nothing typed). Wording after the extract forms of
 * Circular 04/2020/TT-BTP, abridged *(unconfirmed against the circular's
 * current annex)*.
 */
import type { DocumentTemplate } from './pdf/index.js';

export type TemplateInput = { name: string; label: string };
export type BuiltinResult = { template: DocumentTemplate; inputs: TemplateInput[] };

const SIGNER = { signerAuthority: 'TM. Ủy ban nhân dân', signerTitle: '{{signer.title}}', signerName: '{{signer.fullName}}' } as const;
const RECIPIENTS = ['Người yêu cầu', 'Lưu: VT, hồ sơ {{dossier.code}}'];

export const GENERIC_RESULT_TEMPLATE: BuiltinResult = {
  template: {
    title: 'Thông báo kết quả giải quyết thủ tục hành chính',
    subtitle: '{{procedure.name}}',
    paragraphs: [
      'Căn cứ hồ sơ số {{dossier.code}} tiếp nhận ngày {{dossier.receivedDate}} của {{applicant.fullName}} (số định danh cá nhân hoặc mã số thuế: {{applicant.idNumber}});',
      '{{unit.name}} thông báo: thủ tục hành chính "{{procedure.name}}" (mã {{procedure.code}}) đã được giải quyết theo quy định.',
      'Văn bản này được ký số; tra cứu tính xác thực bằng mã QR hoặc mã xác thực {{verification.code}}.',
    ],
    ...SIGNER,
    recipients: RECIPIENTS,
  },
  inputs: [],
};

/** By procedure code (the starter catalog's civil-status procedures). */
export const BUILTIN_RESULT_TEMPLATES: Readonly<Record<string, BuiltinResult>> = {
  // Đăng ký khai sinh
  '1.001193': {
    template: {
      title: 'Trích lục khai sinh',
      paragraphs: [
        'Họ, chữ đệm, tên: {{child.fullName}}\nNgày, tháng, năm sinh: {{child.birthDate}}\nGiới tính: {{child.gender}}\nNơi sinh: {{child.birthPlace}}',
        'Họ, chữ đệm, tên cha, mẹ: {{parents.names}}',
        'Người đi đăng ký khai sinh: {{applicant.fullName}}, số định danh cá nhân {{applicant.idNumber}}.',
        'Đã đăng ký khai sinh tại {{unit.name}}, hồ sơ số {{dossier.code}}, ngày {{document.date}}.',
      ],
      ...SIGNER,
      recipients: RECIPIENTS,
    },
    inputs: [
      { name: 'child.fullName', label: 'Họ, chữ đệm, tên của trẻ' },
      { name: 'child.birthDate', label: 'Ngày, tháng, năm sinh của trẻ' },
      { name: 'child.gender', label: 'Giới tính' },
      { name: 'child.birthPlace', label: 'Nơi sinh' },
      { name: 'parents.names', label: 'Họ, chữ đệm, tên cha, mẹ' },
    ],
  },
  // Đăng ký kết hôn
  '1.000894': {
    template: {
      title: 'Trích lục kết hôn',
      paragraphs: [
        'Bên thứ nhất: {{spouse1.fullName}}\nBên thứ hai: {{spouse2.fullName}}',
        'Đã đăng ký kết hôn tại {{unit.name}} ngày {{marriage.date}}, hồ sơ số {{dossier.code}}.',
      ],
      ...SIGNER,
      recipients: RECIPIENTS,
    },
    inputs: [
      { name: 'spouse1.fullName', label: 'Họ, chữ đệm, tên bên thứ nhất' },
      { name: 'spouse2.fullName', label: 'Họ, chữ đệm, tên bên thứ hai' },
      { name: 'marriage.date', label: 'Ngày đăng ký kết hôn' },
    ],
  },
  // Đăng ký khai tử
  '1.000656': {
    template: {
      title: 'Trích lục khai tử',
      paragraphs: [
        'Họ, chữ đệm, tên người đã chết: {{deceased.fullName}}\nNăm sinh: {{deceased.birthYear}}\nChết ngày: {{deceased.deathDate}}\nNơi chết: {{deceased.deathPlace}}',
        'Người đi đăng ký khai tử: {{applicant.fullName}}, số định danh cá nhân {{applicant.idNumber}}.',
        'Đã đăng ký khai tử tại {{unit.name}}, hồ sơ số {{dossier.code}}, ngày {{document.date}}.',
      ],
      ...SIGNER,
      recipients: RECIPIENTS,
    },
    inputs: [
      { name: 'deceased.fullName', label: 'Họ, chữ đệm, tên người đã chết' },
      { name: 'deceased.birthYear', label: 'Năm sinh' },
      { name: 'deceased.deathDate', label: 'Ngày chết' },
      { name: 'deceased.deathPlace', label: 'Nơi chết' },
    ],
  },
};
