import { Alert, Anchor, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The submit check, live: what is still missing, each a link to its step. */
export function Completeness({
  missing,
  stepTitle,
  onGo,
  labels = {},
}: {
  missing: string[];
  stepTitle: (field: string) => string;
  onGo: (field: string) => void;
  /** Labels of fields the common ones do not name (the requested country's details). */
  labels?: Record<string, string>;
}) {
  const { t } = useTranslation('writer');
  if (missing.length === 0) {
    return (
      <Alert color="green" role="status" title={t('complete')}>
        {null}
      </Alert>
    );
  }
  const label = (field: string) => {
    const m = /^identifiers\[(\d+)\]\.observedAt$/.exec(field);
    if (m) return `${t('identifier', { n: Number(m[1]) + 1 })}: ${t('common:field.observedAt')}`;
    if (labels[field]) return labels[field];
    return t(`common:field.${field}`, { defaultValue: field });
  };
  return (
    <Alert color="orange" role="status" title={t('incomplete', { count: missing.length })}>
      <List size="sm">
        {missing.map((f) => (
          <List.Item key={f}>
            <Anchor component="button" type="button" size="sm" onClick={() => onGo(f)} aria-label={`${label(f)} — ${t('goToStep', { step: stepTitle(f) })}`}>
              {label(f)}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
