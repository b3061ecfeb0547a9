/**
 * Server-side messages (error messages for now). One i18next instance, read
 * through fixed-language `t` functions, so concurrent requests never share a
 * mutable language.
 */
import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const load = (l: Locale): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./${l}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: 'vi',
  fallbackLng: 'vi',
  resources: { vi: { translation: load('vi') }, en: { translation: load('en') } },
  interpolation: { escapeValue: false },
});

const fixed: Record<Locale, TFunction> = { vi: instance.getFixedT('vi'), en: instance.getFixedT('en') };

export function translator(locale: Locale): TFunction {
  return fixed[locale];
}

/** Picks the locale: explicit `lang` cookie first, then Accept-Language, else Vietnamese. */
export function pickLocale(cookieLang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (cookieLang === 'vi' || cookieLang === 'en') return cookieLang;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.find((p) => p.trim().startsWith('q='));
        return { lang: tag.toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) : 1 };
      })
      .filter((x) => !Number.isNaN(x.q))
      .sort((a, b) => b.q - a.q);
    for (const { lang } of ranked) if (lang === 'vi' || lang === 'en') return lang;
  }
  return 'vi';
}
