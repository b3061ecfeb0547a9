import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import contactsEn from './contacts.en.json';
import contactsVi from './contacts.vi.json';
import citizenEn from './citizen.en.json';
import citizenVi from './citizen.vi.json';
import enBase from './en.json';
import feedbackEn from './feedback.en.json';
import feedbackVi from './feedback.vi.json';
import portalEn from './portal.en.json';
import portalVi from './portal.vi.json';
import viBase from './vi.json';

/**
 * One `translation` namespace per language, assembled from the shared file and
 * one file per area (its keys live under the area's name: `portal.…`), so
 * parallel work on different areas does not edit the same file.
 */
export const vi = { ...viBase, citizen: citizenVi, portal: portalVi, contacts: contactsVi, feedback: feedbackVi };
export const en = { ...enBase, citizen: citizenEn, portal: portalEn, contacts: contactsEn, feedback: feedbackEn };

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

/** BCP 47 locales for `Intl`; Vietnamese formatting is the default. */
const INTL_LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

export const resources = {
  vi: { translation: vi },
  en: { translation: en },
} as const;

function isLanguage(value: string | undefined): value is Language {
  return value === 'vi' || value === 'en';
}

/** The `lang` cookie is shared with the server, which localises error messages by it. */
function readLanguageCookie(): Language | undefined {
  const match = /(?:^|;\s*)lang=([^;]*)/.exec(document.cookie);
  const value = match?.[1];
  return isLanguage(value) ? value : undefined;
}

function writeLanguageCookie(language: Language): void {
  document.cookie = `lang=${language}; Path=/; SameSite=Lax; Max-Age=31536000`;
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : DEFAULT_LANGUAGE;
}

export function intlLocale(language: Language = currentLanguage()): string {
  return INTL_LOCALES[language];
}

export async function setLanguage(language: Language): Promise<void> {
  writeLanguageCookie(language);
  await i18next.changeLanguage(language);
}

export async function initI18n(): Promise<void> {
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
  });
  await i18next.use(initReactI18next).init({
    resources,
    lng: readLanguageCookie() ?? DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = currentLanguage();
}
