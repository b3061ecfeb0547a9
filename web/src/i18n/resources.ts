/** Both languages at once, for tests that render or check messages in either (the app loads English and the staff messages on demand). */
import { en as enPublic } from './messages.en';
import { vi as viPublic } from './messages.vi';
import reportsEn from './reports.en.json';
import reportsVi from './reports.vi.json';
import staffEn from './staff.en.json';
import staffVi from './staff.vi.json';

/** All the messages of a language: the first bundle's and the staff workspace's. */
export const vi = { ...viPublic, ...staffVi, reports: reportsVi };
export const en = { ...enPublic, ...staffEn, reports: reportsEn };
export const resources = {
  vi: { translation: vi },
  en: { translation: en },
} as const;
