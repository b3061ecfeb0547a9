import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { e164, maskEmail, maskPhone } from './address.js';
import { errorCode, isPermanent, SendError } from './channels.js';
import { formatDate, NOTICE_KINDS, renderNotice, type NoticeFacts } from './messages.js';
import en from './messages.en.json' with { type: 'json' };
import vi from './messages.vi.json' with { type: 'json' };

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function facts(overrides: Partial<NoticeFacts> = {}): NoticeFacts {
  return {
    kind: 'received',
    language: 'vi',
    applicant: { kind: 'person', name: 'Nguyễn Thị Hồng Nhung' },
    code: 'H55.242-241126-0007',
    procedure: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    unit: 'Ủy ban nhân dân phường Hoàn Kiếm',
    receivingUnit: 'Ủy ban nhân dân phường Hoàn Kiếm',
    returnPlace: 'Ủy ban nhân dân phường Hoàn Kiếm, 126 Hàng Trống',
    date: new Date('2026-11-27T10:00:00Z'),
    amountVnd: 15000,
    missing: ['Giấy xác nhận nơi cư trú'],
    lookupUrl: 'https://motcua.phutho.gov.vn/tra-cuu',
    ...overrides,
  };
}

describe('message texts', () => {
  it('has a subject, an e-mail text and an SMS for every kind, in both languages, with the same placeholders', () => {
    const kinds = [...NOTICE_KINDS, 'other'];
    expect(Object.keys(vi.kinds).sort()).toEqual([...kinds].sort());
    expect(Object.keys(en.kinds).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) {
      const a = vi.kinds[kind as keyof typeof vi.kinds];
      const b = en.kinds[kind as keyof typeof en.kinds];
      for (const part of ['subject', 'text', 'sms'] as const) expect(placeholders(b[part]), `${kind}.${part}`).toEqual(placeholders(a[part]));
    }
  });

  it('writes dates as each language does, in Vietnam time', () => {
    // 17:30 UTC on the 26th is already the 27th in Hà Nội.
    expect(formatDate(new Date('2026-11-26T17:30:00Z'), 'vi')).toBe('27/11/2026');
    expect(formatDate(new Date('2026-11-26T17:30:00Z'), 'en')).toBe('27 November 2026');
  });

  it('fills every placeholder, greets a person and an organisation, and keeps every SMS to one plain-ASCII segment', () => {
    for (const kind of [...NOTICE_KINDS, 'a_kind_added_later']) {
      for (const language of ['vi', 'en'] as const) {
        const m = renderNotice(facts({ kind, language }));
        expect(`${m.subject}${m.text}${m.sms}`, `${kind} ${language}`).not.toMatch(/\{\{|\}\}/);
        expect(m.text).toContain('https://motcua.phutho.gov.vn/tra-cuu');
        expect(m.text).toContain('H55.242-241126-0007');
        expect(m.sms).toMatch(/^[\x20-\x7e]+$/);
        expect(m.sms.length, `${kind} ${language}: ${m.sms}`).toBeLessThanOrEqual(160);
      }
    }
    expect(renderNotice(facts()).text.startsWith('Kính gửi Ông/Bà Nguyễn Thị Hồng Nhung,')).toBe(true);
    expect(renderNotice(facts({ applicant: { kind: 'organisation', name: 'Công ty TNHH Sen Vàng' } })).text.startsWith('Kính gửi Công ty TNHH Sen Vàng,')).toBe(true);
    expect(renderNotice(facts({ kind: 'payment_requested' })).text).toContain('15.000 đồng');
    expect(renderNotice(facts({ kind: 'payment_requested', language: 'en' })).text).toContain('VND 15,000');
    expect(renderNotice(facts({ kind: 'a_kind_added_later' })).subject).toBe('Hồ sơ H55.242-241126-0007 có cập nhật mới');
  });
});

describe('addresses in the log and at the gateway', () => {
  it('masks e-mail addresses and phone numbers', () => {
    expect(maskEmail('nhung@example.vn')).toBe('n***@example.vn');
    expect(maskEmail('x@y.vn')).toBe('x***@y.vn');
    expect(maskEmail('broken')).toBe('***');
    expect(maskPhone('0912 345 678')).toBe('091****678');
    expect(maskPhone('+84 912.345.678')).toBe('091****678');
    expect(maskPhone('+33 6 12 34 56 78')).toBe('+33******678');
    expect(maskPhone('12')).toBe('***');
  });

  it('writes Vietnamese numbers in E.164', () => {
    expect(e164('0912 345 678')).toBe('+84912345678');
    expect(e164('0912.345.678')).toBe('+84912345678');
    expect(e164('+84 912-345-678')).toBe('+84912345678');
    expect(e164('84912345678')).toBe('+84912345678');
    expect(e164('+33 6 12 34 56 78')).toBe('+33612345678');
  });

  it('keeps codes of errors, never their messages', () => {
    expect(errorCode(Object.assign(new Error("Can't send mail: 550 <nhung@example.vn> unknown"), { code: 'EENVELOPE', responseCode: 550 }))).toBe('EENVELOPE_550');
    expect(errorCode(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBe('ESOCKET');
    expect(errorCode(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }))).toBe('ECONNREFUSED');
    expect(errorCode(new SendError('HTTP_503'))).toBe('HTTP_503');
    expect(errorCode(Object.assign(new Error('timeout'), { name: 'TimeoutError' }))).toBe('TIMEOUT');
    expect(errorCode(Object.assign(new Error('x'), { code: 'nhung@example.vn' }))).toBe('ERROR');
    expect(errorCode('boom')).toBe('ERROR');
  });

  it('gives up only on refusals that are final: SMTP 5xx to the envelope or message, the gateway\'s 400 and 422', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 599 }), fc.constantFrom('EENVELOPE', 'EMESSAGE', 'EAUTH', 'ESOCKET', 'HTTP'), (status, kind) => {
        const code = `${kind}_${String(status)}`;
        const expected = kind === 'HTTP' ? status === 400 || status === 422 : (kind === 'EENVELOPE' || kind === 'EMESSAGE') && status >= 500;
        expect(isPermanent(code)).toBe(expected);
      }),
    );
    for (const code of ['TIMEOUT', 'ECONNREFUSED', 'ESOCKET', 'ERROR', 'HTTP_429', 'HTTP_401']) expect(isPermanent(code), code).toBe(false);
  });
});

describe('configuration', () => {
  it('turns e-mail on with MOTCUA_SMTP_URL, and SMS to the webhook, the log (development) or off (production)', () => {
    const dev = loadConfig({});
    expect(dev.notify).toEqual({ smtpUrl: undefined, mailFrom: 'Motcua <no-reply@localhost>', sms: { kind: 'log' } });
    expect(loadConfig({ NODE_ENV: 'production', MOTCUA_SMTP_URL: '' }).notify.sms).toEqual({ kind: 'off' });
    const full = loadConfig({
      MOTCUA_SMTP_URL: 'smtp://user:pass@mail.example.vn:587',
      MOTCUA_MAIL_FROM: 'Một cửa Phú Thọ <motcua@phutho.gov.vn>',
      MOTCUA_SMS_WEBHOOK_URL: 'https://sms.example.vn/send',
      MOTCUA_SMS_WEBHOOK_TOKEN: 'tok',
    });
    expect(full.notify).toEqual({ smtpUrl: 'smtp://user:pass@mail.example.vn:587', mailFrom: 'Một cửa Phú Thọ <motcua@phutho.gov.vn>', sms: { kind: 'webhook', url: 'https://sms.example.vn/send', token: 'tok' } });
  });

  it('refuses a webhook without its token and an SMTP URL of another scheme, naming the variable and not the value', () => {
    expect(() => loadConfig({ MOTCUA_SMS_WEBHOOK_URL: 'https://sms.example.vn/send' })).toThrow(/MOTCUA_SMS_WEBHOOK_TOKEN: required with MOTCUA_SMS_WEBHOOK_URL/);
    let message = '';
    try {
      loadConfig({ MOTCUA_SMTP_URL: 'http://user:hunter2@mail.example.vn' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('MOTCUA_SMTP_URL');
    expect(message).not.toContain('hunter2');
  });
});
