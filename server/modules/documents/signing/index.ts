/**
 * The digital-signature core of the documents module: PKCS#12 certificates,
 * sealing their passwords at rest, signing PDFs and verifying signed PDFs.
 * No database, no HTTP.
 */
export {
  CertificateError,
  type CertificateErrorReason,
  type CertificateInfo,
  checkUsable,
  makeTestCertificate,
  readP12,
} from './certificate.js';
export { loadMasterKey, MasterKeyError, openSecret, sealSecret, SecretBoxError, type SecretBoxErrorReason } from './secret-box.js';
export { type SignatureProfile, signPdf, SigningError, type SigningErrorReason, type SigningMeta } from './sign.js';
export { type SignatureInfo, signatureInfo, type SignatureProblem } from './verify.js';
