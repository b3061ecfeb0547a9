/**
 * The citizen account pages' form logic, apart from React: what is sent to
 * the server and the field checks (the contract's own schemas, so the page
 * and the server agree).
 */
import { z } from 'zod';
import { CitizenEmail, CitizenPhone, OtpCode, type CitizenMe, type ProfileUpdateInput } from '../../../../contracts/citizens';
import { CitizenId } from '../../../../contracts/dossiers';
import type { SignUpBody } from '../../api/citizen';

export { ACCOUNT_PATH, safeReturnTo, SIGN_IN_PATH, SIGN_UP_PATH, withReturnTo } from './citizen-paths';

export type FieldCheck = 'email' | 'phone' | 'code' | 'idNumber' | 'birthDate' | 'emailOrPhone';

/** The problem with an optional field's value, or null (empty is fine). */
export function checkOptional(kind: 'email' | 'phone' | 'idNumber' | 'birthDate', value: string): FieldCheck | null {
  const v = value.trim();
  if (v === '') return null;
  const schema = { email: CitizenEmail, phone: CitizenPhone, idNumber: CitizenId, birthDate: z.iso.date() }[kind];
  return schema.safeParse(v).success ? null : kind;
}

export function checkCode(value: string): FieldCheck | null {
  return OtpCode.safeParse(value).success ? null : 'code';
}

export type SignUpValues = { fullName: string; email: string; phone: string; password: string; confirm: string };

export function signUpBody(values: SignUpValues, language: 'vi' | 'en'): SignUpBody {
  const email = values.email.trim();
  const phone = values.phone.trim();
  return {
    fullName: values.fullName.trim(),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    password: values.password,
    language,
  };
}

export type ProfileValues = {
  fullName: string;
  idNumber: string;
  birthDate: string;
  address: string;
  email: string;
  phone: string;
  language: 'vi' | 'en';
};

export function profileValues(me: CitizenMe): ProfileValues {
  return {
    fullName: me.fullName,
    idNumber: me.idNumber ?? '',
    birthDate: me.birthDate ?? '',
    address: me.address ?? '',
    email: me.email ?? '',
    phone: me.phone ?? '',
    language: me.language,
  };
}

/**
 * The update to send: only what changed from `me` (an emptied optional
 * field becomes null; e-mail and phone compared in their stored form), with
 * the version read.
 */
export function profileChanges(me: CitizenMe, values: ProfileValues): ProfileUpdateInput {
  const out: ProfileUpdateInput = { version: me.version };
  const fullName = values.fullName.trim();
  if (fullName !== me.fullName) out.fullName = fullName;
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  const idNumber = optional(values.idNumber);
  if (idNumber !== me.idNumber) out.idNumber = idNumber;
  const birthDate = optional(values.birthDate);
  if (birthDate !== me.birthDate) out.birthDate = birthDate;
  const address = optional(values.address);
  if (address !== me.address) out.address = address;
  const email = optional(values.email);
  const normalEmail = email === null ? null : CitizenEmail.safeParse(email).data ?? email;
  if (normalEmail !== me.email) out.email = normalEmail;
  const phone = optional(values.phone);
  const normalPhone = phone === null ? null : CitizenPhone.safeParse(phone).data ?? phone;
  if (normalPhone !== me.phone) out.phone = normalPhone;
  if (values.language !== me.language) out.language = values.language;
  return out;
}
