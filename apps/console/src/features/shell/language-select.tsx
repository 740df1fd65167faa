import { useLocale, useT } from '../../lib/i18n/index.tsx';
import { isLocale, LOCALE_NAMES, LOCALES } from '../../lib/i18n/locale.ts';

/** The console's language, for this browser: switches in place and is remembered. */
export function LanguageSelect() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <label className="shell-language">
      <span className="visually-hidden">{t('shell.language')}</span>
      <select
        value={locale}
        onChange={(e) => {
          if (isLocale(e.target.value)) void setLocale(e.target.value);
        }}
      >
        {LOCALES.map((l) => (
          // Each language in its own words, whatever the console speaks now.
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
