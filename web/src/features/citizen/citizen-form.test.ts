import { describe, expect, it } from 'vitest';
import type { CitizenMe } from '../../../../contracts/citizens';
import { checkCode, checkOptional, profileChanges, profileValues, safeReturnTo, signUpBody, withReturnTo } from './citizen-form';

const me: CitizenMe = {
  id: '7d0f8a8e-2f7e-4a53-9c52-0f3f6b1a2b3c',
  fullName: 'Nguyễn Thị Dân',
  email: 'dan@example.vn',
  phone: '0912345678',
  idNumber: null,
  birthDate: '1990-05-17',
  address: null,
  language: 'vi',
  emailVerified: true,
  hasPassword: true,
  identities: [],
  version: 3,
  csrfToken: 'x',
};

describe('return address', () => {
  it('keeps paths of this site and drops others and the sign-in pages themselves', () => {
    expect(safeReturnTo('/ho-so-cua-toi?trang=2')).toBe('/ho-so-cua-toi?trang=2');
    for (const bad of [null, '//evil.example', 'https://evil.example', '/\\evil', '/dang-nhap', '/dang-ky?returnTo=/x', 'tai-khoan']) expect(safeReturnTo(bad), String(bad)).toBeNull();
    expect(safeReturnTo('/dang-nhap-khac')).toBe('/dang-nhap-khac');
    expect(withReturnTo('/dang-ky', '/ho-so')).toBe('/dang-ky?returnTo=%2Fho-so');
    expect(withReturnTo('/dang-ky', null)).toBe('/dang-ky');
  });
});

describe('field checks', () => {
  it('accepts empty optional fields and the usual spellings, refuses the rest', () => {
    expect(checkOptional('phone', '')).toBeNull();
    expect(checkOptional('phone', '+84 912 345 678')).toBeNull();
    expect(checkOptional('phone', '12345')).toBe('phone');
    expect(checkOptional('email', ' A@B.VN ')).toBeNull();
    expect(checkOptional('email', 'a@')).toBe('email');
    expect(checkOptional('idNumber', '001190000123')).toBeNull();
    expect(checkOptional('idNumber', '0011900001')).toBe('idNumber');
    expect(checkOptional('birthDate', '1990-02-28')).toBeNull();
    expect(checkOptional('birthDate', '1990-02-30')).toBe('birthDate');
    expect(checkOptional('birthDate', '17/05/1990')).toBe('birthDate');
    expect(checkCode('123 456')).toBeNull();
    expect(checkCode('12345')).toBe('code');
  });
});

describe('what is sent', () => {
  it('drops an empty e-mail or phone from the sign-up', () => {
    expect(signUpBody({ fullName: ' An ', email: '', phone: '0912 345 678', password: 'p', confirm: 'p' }, 'en')).toEqual({ fullName: 'An', phone: '0912 345 678', password: 'p', language: 'en' });
  });

  it('sends only the changed profile fields, with the version, an emptied field as null', () => {
    expect(profileChanges(me, profileValues(me))).toEqual({ version: 3 });
    const values = { ...profileValues(me), phone: '+84 912 345 678', email: ' DAN@example.vn', address: ' Số 1 Láng ', birthDate: '', language: 'en' as const };
    expect(profileChanges(me, values)).toEqual({ version: 3, address: 'Số 1 Láng', birthDate: null, language: 'en' });
  });
});
