import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { vi } from './messages.vi';
import { staffMessagesFor } from './staff-messages';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

/** BCP 47 locales for `Intl`; Vietnamese formatting is the default. */
const INTL_LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * Vietnamese is in the first bundle; English is fetched (its own chunk) only
 * when it is chosen, so a phone on the public portal downloads one language.
 */
const LOADERS: Record<Language, () => Promise<typeof vi>> = {
  vi: () => Promise.resolve(vi),
  en: async () => (await import('./messages.en')).en,
};

async function ensureLoaded(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  i18next.addResourceBundle(language, 'translation', await LOADERS[language]());
}

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

/**
 * Writes the `lang` cookie of the interface's language: before a plain link to
 * a localised download (a report), which would otherwise be answered in the
 * browser's Accept-Language when the language was never switched.
 */
export function rememberLanguage(): void {
  writeLanguageCookie(currentLanguage());
}

export function intlLocale(language: Language = currentLanguage()): string {
  return INTL_LOCALES[language];
}

export async function setLanguage(language: Language): Promise<void> {
  writeLanguageCookie(language);
  await ensureLoaded(language);
  await staffMessagesFor(language);
  await i18next.changeLanguage(language);
}

export async function initI18n(): Promise<void> {
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
  });
  const language = readLanguageCookie() ?? DEFAULT_LANGUAGE;
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, ...(language === 'vi' ? {} : { [language]: { translation: await LOADERS[language]() } }) },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = currentLanguage();
}
