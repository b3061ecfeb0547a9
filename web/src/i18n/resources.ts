/** Both languages at once, for tests that render or check messages in either (the app loads English on demand). */
import { en } from './messages.en';
import { vi } from './messages.vi';

export { en, vi };
export const resources = {
  vi: { translation: vi },
  en: { translation: en },
} as const;
