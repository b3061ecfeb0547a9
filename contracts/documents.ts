/**
 * Documents DTOs: the PDF forms of a dossier, generated documents (the signed
 * result, courtesy letters), signing certificates, templates and the public
 * verification. Shared by the server (validation, OpenAPI) and the web client.
 */
import { z } from 'zod';

/** Documents the server generates, stores and (when the unit has a certificate) signs. */
export const DOCUMENT_KINDS = ['result', 'congratulation', 'condolence'] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** The one-stop forms rendered on request from the dossier as it stands (Circular 03/2025, forms 01–06). */
export const FORM_KINDS = ['receipt', 'supplement_request', 'refusal', 'apology', 'stop_notice', 'control_slip'] as const;
export const FormKind = z.enum(FORM_KINDS);
export type FormKind = z.infer<typeof FormKind>;

const Instant = z.string().describe('ISO 8601 instant');

const SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A template field's name: dot-separated segments of ASCII letters, digits and underscores (`child.fullName`). */
export const FieldName = z
  .string()
  .max(100)
  .refine((n) => n.split('.').every((segment) => SEGMENT.test(segment)), 'dotted name: letters, digits, underscores');

/** A verification code as printed: 12 Crockford base32 characters in groups of four (60 random bits). */
export const VerificationCode = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1'))
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{12}$/, 'twelve letters and digits'));

export const GeneratedDocument = z.object({
  id: z.uuid(),
  kind: DocumentKind,
  title: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  verificationCode: z.string(),
  signed: z.boolean(),
  signedAt: Instant.nullable(),
  signerName: z.string().nullable(),
  createdAt: Instant,
});
export type GeneratedDocument = z.infer<typeof GeneratedDocument>;
export const GeneratedDocumentList = z.object({ items: z.array(GeneratedDocument) });

/** What `/verify/{code}` shows: what is printed on the document, never more. */
export const VerifyResult = z.object({
  verificationCode: z.string(),
  kind: DocumentKind,
  title: z.string(),
  unit: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  dossierCode: z.string(),
  issuedAt: Instant,
  signed: z.boolean(),
  signedAt: Instant.nullable(),
  signerName: z.string().nullable(),
  /** The signing certificate's subject (the unit's certificate). */
  signerSubject: z.string().nullable(),
  sha256: z.string(),
  size: z.number().int(),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const VerifyUploadResult = z.object({
  /** The uploaded file is, byte for byte, the document issued under this code. */
  matches: z.boolean(),
  sha256: z.string(),
  expectedSha256: z.string(),
  /** What the uploaded file's own signature says (checked in the server, independently of the stored hash). */
  signature: z
    .object({
      signed: z.boolean(),
      intact: z.boolean(),
      coversWholeDocument: z.boolean(),
      signer: z.string().nullable(),
      signedAt: Instant.nullable(),
    })
    .nullable(),
});
export type VerifyUploadResult = z.infer<typeof VerifyUploadResult>;

export const CertificateUpload = z.strictObject({
  /** The PKCS#12 (.p12 / .pfx) file, base64. */
  p12: z.base64().max(200_000),
  password: z.string().min(1).max(200),
  /** Printed in the signature block: who signs for the unit (its chairperson) and the title. */
  signerName: z.string().trim().min(1).max(200),
  signerTitle: z.string().trim().min(1).max(200),
});
export type CertificateUpload = z.infer<typeof CertificateUpload>;

export const Certificate = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  fingerprint: z.string(),
  notBefore: Instant,
  notAfter: Instant,
  signerName: z.string(),
  signerTitle: z.string(),
  active: z.boolean(),
  createdAt: Instant,
  retiredAt: Instant.nullable(),
});
export type Certificate = z.infer<typeof Certificate>;
export const CertificateList = z.object({ items: z.array(Certificate) });

export const LetterStats = z.object({
  items: z.array(
    z.object({
      unit: z.object({ id: z.uuid(), code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
      /** YYYY-MM, in Vietnam time. */
      month: z.string(),
      congratulation: z.number().int(),
      condolence: z.number().int(),
    }),
  ),
});
export type LetterStats = z.infer<typeof LetterStats>;
