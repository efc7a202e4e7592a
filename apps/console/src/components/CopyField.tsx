import { Button, CopyButton, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A value shown once (a webhook secret), read-only, with a copy button (filled once copied: the primary colour, whose white text stays readable). */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" wrap="nowrap">
      <TextInput label={label} value={value} readOnly style={{ flex: 1 }} styles={{ input: { fontFamily: 'monospace' } }} />
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button onClick={copy} variant={copied ? 'filled' : 'default'}>
            {copied ? t('copied') : t('copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
