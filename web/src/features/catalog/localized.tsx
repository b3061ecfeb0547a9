import { useTranslation } from 'react-i18next';

/** Picks the English name in the English interface when there is one; else the Vietnamese name. */
export function useLocalize() {
  const { i18n } = useTranslation();
  const english = i18n.resolvedLanguage === 'en';
  return (vi: string, en: string | null | undefined): string => (english && en ? en : vi);
}

/**
 * A name in the interface language when the catalog has it; a Vietnamese name
 * shown in the English interface is marked lang="vi" (WCAG 3.1.2).
 */
export function Localized({ vi, en }: { vi: string; en: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (i18n.resolvedLanguage !== 'en') return <>{vi}</>;
  return en ? <>{en}</> : <span lang="vi">{vi}</span>;
}
