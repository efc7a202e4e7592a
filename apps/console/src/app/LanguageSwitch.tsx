import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { applyLanguage, isLanguage, LANGUAGES, rememberLanguage } from '@/lib/i18n';

/** English / Tiếng Việt, remembered for this user in this browser. */
export function LanguageSwitch({ userId }: { userId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div role="group" aria-label={t('language')}>
      <SegmentedControl
        size="xs"
        value={i18n.language}
        onChange={(v) => {
          if (!isLanguage(v)) return;
          rememberLanguage(v, userId);
          void applyLanguage(v);
        }}
        // Each language by its own name (English, Tiếng Việt), whatever the console speaks now.
        data={LANGUAGES.map((l) => ({ value: l, label: <span lang={l}>{i18n.getFixedT(l)(`languages.${l}`)}</span> }))}
      />
    </div>
  );
}
