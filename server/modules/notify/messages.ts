/**
 * The texts of messages to applicants, per notice kind and language, from
 * messages.vi.json / messages.en.json (data, not code: the wording changes
 * without touching the delivery). One i18next instance read through
 * fixed-language `t` functions, as server/i18n does.
 *
 * What a message may name: the dossier code, the procedure, the units, the
 * relevant date, the amount due, the documents to add, the applicant's name
 * and the public lookup page. Never the lookup secret (it is not stored in
 * clear anyway) nor the ID or tax number, and no free text typed by staff
 * (reasons, notes): e-mail and SMS are not confidential, and those texts are
 * on the slips handed over at the desk. SMS texts are plain ASCII (GSM-7,
 * 160 characters a segment), as Vietnamese brandname SMS usually are, and
 * carry no names at all.
 */
import i18next, { type TFunction } from 'i18next';
import type { Language } from '../../../contracts/dossiers.js';
import en from './messages.en.json' with { type: 'json' };
import vi from './messages.vi.json' with { type: 'json' };

/** The kinds the dossiers module queues in `applicant_notices`; others get the `other` text. */
export const NOTICE_KINDS = [
  'received',
  'not_accepted',
  'supplement_requested',
  'closed',
  'transferred',
  'rejected',
  'result_ready',
  'payment_requested',
  'stopped',
  'withdrawn',
  'apology_extension',
  'returned',
] as const;

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: 'vi',
  fallbackLng: 'vi',
  resources: { vi: { translation: vi }, en: { translation: en } },
  interpolation: { escapeValue: false }, // plain text, not HTML
});
const fixed: Record<Language, TFunction> = { vi: instance.getFixedT('vi'), en: instance.getFixedT('en') };

/** What a message is made of, already chosen by the caller (names in the applicant's language). */
export type NoticeFacts = {
  kind: string;
  language: Language;
  applicant: { kind: 'person' | 'organisation'; name: string };
  code: string;
  procedure: string;
  /** The unit settling the dossier (after a transfer: the new one). */
  unit: string;
  receivingUnit: string;
  /** Where the applicant goes: the receiving unit, with its address. */
  returnPlace: string;
  /** The date that matters for the kind: appointment, new date, supplementation deadline, return. */
  date: Date | null;
  amountVnd: number | null;
  missing: string[];
  lookupUrl: string;
};

export type RenderedNotice = { subject: string; text: string; sms: string };

const ZONE = 'Asia/Ho_Chi_Minh';
const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' }),
};
const amountFormats: Record<Language, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };

/** A local date in Vietnam as the language writes it: 27/11/2026, 27 November 2026. */
export function formatDate(date: Date, language: Language): string {
  return dateFormats[language].format(date);
}

export function renderNotice(f: NoticeFacts): RenderedNotice {
  const t = fixed[f.language];
  const key = (NOTICE_KINDS as readonly string[]).includes(f.kind) ? f.kind : 'other';
  const values = {
    name: f.applicant.name,
    code: f.code,
    procedure: f.procedure,
    unit: f.unit,
    receivingUnit: f.receivingUnit,
    returnPlace: f.returnPlace,
    date: f.date ? formatDate(f.date, f.language) : '—',
    amount: f.amountVnd === null ? '—' : amountFormats[f.language].format(f.amountVnd),
    missing: f.missing.map((m) => `- ${m}`).join('\n') || '-',
    lookupUrl: f.lookupUrl,
  };
  const text = [t(`greeting.${f.applicant.kind}`, values), t(`kinds.${key}.text`, values), t('footer', values)].join('\n\n');
  return {
    subject: t(`kinds.${key}.subject`, values),
    text: `${text}\n`,
    sms: `${t(`kinds.${key}.sms`, values)} ${t('smsFooter', values)}`,
  };
}

export const ONE_TIME_CODE_PURPOSES = ['sign_in', 'verify_email'] as const;
export type OneTimeCodePurpose = (typeof ONE_TIME_CODE_PURPOSES)[number];

/** The e-mail carrying a one-time code: the code, how long it lasts, a warning not to pass it on. */
export function renderOneTimeCode(f: { code: string; language: Language; purpose: OneTimeCodePurpose; minutes: number }): { subject: string; text: string } {
  const t = fixed[f.language];
  const values = { code: f.code, minutes: String(f.minutes) };
  return {
    subject: t(`oneTimeCode.${f.purpose}.subject`, values),
    text: `${t(`oneTimeCode.${f.purpose}.text`, values)}\n\n${t('oneTimeCode.footer')}\n`,
  };
}
