import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, type Dictionary, type MessageKey } from './en';
import { sv } from './sv';

export const LANGUAGES = { en: 'English', sv: 'Svenska' } as const;
export type Language = keyof typeof LANGUAGES;

const DICTIONARIES: Record<Language, Dictionary> = { en, sv };
const STORAGE_KEY = 'loadstar.language';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  language: Language;
  locale: string;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'sv') return saved;
  return navigator.language.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[language];
    const t: Translate = (key, values) =>
      dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? `{${name}}`));
    return { language, locale: language === 'sv' ? 'sv-SE' : 'en-GB', setLanguage, t };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
