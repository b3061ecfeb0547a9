/**
 * The staff workspace's messages (staff.vi.json / staff.en.json: the editors
 * of units, staff and procedures, the print forms, the workspace home; and the
 * `reports` area), loaded when the workspace is, so the public portal's first
 * load does not carry them. Once loaded, a change of language loads them in
 * the new language too.
 */
import i18next from 'i18next';
import type { Language } from './index';

const LOADERS: Record<Language, () => Promise<Record<string, unknown>>> = {
  vi: async () => {
    const [staff, reports] = await Promise.all([import('./staff.vi.json'), import('./reports.vi.json')]);
    return { ...staff.default, reports: reports.default };
  },
  en: async () => {
    const [staff, reports] = await Promise.all([import('./staff.en.json'), import('./reports.en.json')]);
    return { ...staff.default, reports: reports.default };
  },
};

let wanted = false;

async function addFor(language: Language): Promise<void> {
  // `deep`: merged into the language's one `translation` namespace beside the first bundle's keys.
  // Asked of this language's own resources (`exists` would answer from the Vietnamese fallback).
  if (i18next.getResource(language, 'translation', 'workspace.pageTitle') === undefined) {
    i18next.addResourceBundle(language, 'translation', await LOADERS[language](), true, true);
  }
}

/** i18next is ready: the router loads the workspace's route as soon as it is created, which can be before `initI18n` is done. */
function initialised(): Promise<void> {
  if (i18next.isInitialized) return Promise.resolve();
  return new Promise((resolve) => i18next.on('initialized', () => resolve()));
}

/** Before the workspace renders: its messages in the language of the page. */
export async function loadStaffMessages(): Promise<void> {
  wanted = true;
  await initialised();
  await addFor(i18next.resolvedLanguage === 'en' ? 'en' : 'vi');
}

/** On a change of language: the workspace's messages too, when the workspace was opened. */
export async function staffMessagesFor(language: Language): Promise<void> {
  if (wanted) await addFor(language);
}
