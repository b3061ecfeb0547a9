/**
 * PDF rendering of the documents module: pure functions from plain typed
 * input to PDF bytes (no database, no HTTP). The service and routes of the
 * module call these; nothing else here is public.
 *
 * - forms.ts: the seven one-stop forms (01 receipt … 07 register page);
 * - templates.ts: templates as data (schema, placeholders, filling), result
 *   documents and courtesy letters with their default templates;
 * - layout.ts: the common frame of an official document (Decree 30/2020),
 *   usable for other documents of the module;
 * - labels.ts / format.ts: the per-language labels and the formatting rules.
 */
export {
  renderApology,
  renderControlSlip,
  renderReceipt,
  renderRefusal,
  renderRegisterPage,
  renderStopNotice,
  renderSupplementRequest,
  type ApologyInput,
  type ControlRow,
  type ControlSlipInput,
  type DossierFormBase,
  type Fee,
  type FormBase,
  type OfficialRef,
  type ProcedureRef,
  type ReceiptDocument,
  type ReceiptInput,
  type RefusalInput,
  type RegisterEntry,
  type RegisterInput,
  type StopNoticeInput,
  type SupplementInput,
  type SupplementItem,
} from './forms.js';
export {
  checkTemplate,
  COURTESY_BUILTIN_FIELDS,
  COURTESY_FIELDS,
  COURTESY_KINDS,
  COURTESY_LETTER_OF,
  DEFAULT_COURTESY_TEMPLATES,
  DocumentTemplate,
  fillTemplate,
  isFieldName,
  MARITAL_STATUS_FIELDS,
  MARITAL_STATUS_TEMPLATE,
  renderCourtesyLetter,
  renderResultDocument,
  renderResultDocumentWithArea,
  RESULT_BUILTIN_FIELDS,
  TEMPLATE_ERROR_CODES,
  TemplateError,
  templateFields,
  TemplateSyntaxError,
  TemplateUnknownFieldsError,
  TemplateValuesMissingError,
  type CourtesyKind,
  type CourtesyLetterInput,
  type ResultDocumentInput,
  type TemplateErrorCode,
  type TemplateValues,
} from './templates.js';
export {
  A4,
  MARGINS,
  renderDocument,
  type Block,
  type DocumentSpec,
  type Issuer,
  type QrSpec,
  type RenderedDocument,
  type Run,
  type SignatureArea,
  type Signer,
  type TableColumn,
} from './layout.js';
export { LABELS, LANGS, labelsFor, type DocumentForm, type Labels, type Lang } from './labels.js';
export { dateLine, formatDate, formatDateTime, formatShortDateTime, formatVnd, type Moment } from './format.js';
