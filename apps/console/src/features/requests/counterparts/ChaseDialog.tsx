import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert } from '@/components/problem';
import type { RequestDto } from '@/lib/api/client';
import { offlineCounterpart, TRANSMISSION_CHANNELS, useChase, useChaserDownload, type TransmissionChannel } from './counterpart-api';
import { dayToInstant } from './TransmissionFields';

/** Chasing a counterpart that works on no MLA Hub (DESIGN §14): download the chaser (en, vi), send it, record it. */
export function ChaseDialog({ request, onClose, onDone }: { request: RequestDto; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('counterparts');
  const counterpart = offlineCounterpart(request);
  const download = useChaserDownload(request);
  const chase = useChase(request);
  const [channel, setChannel] = useState<TransmissionChannel>('EMAIL');
  const [day, setDay] = useState(new Date().toISOString().slice(0, 10));
  const [reference, setReference] = useState('');
  const submit = () => chase.mutate({ channel, dispatchedAt: dayToInstant(day), reference: reference.trim() }, { onSuccess: () => { onDone(); onClose(); } });
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('chase.title', { authority: counterpart?.name ?? '' })}
      submitLabel={t('chase.submit')}
      submitting={chase.isPending}
      submitDisabled={!reference.trim()}
      onSubmit={submit}
    >
      <Stack>
        <Text size="sm">{t('chase.help')}</Text>
        <Group>
          {(['en', 'vi'] as const).map((lang) => (
            <Button key={lang} variant="default" loading={download.isPending && download.variables === lang} onClick={() => download.mutate(lang)}>
              {t('chase.download', { lang: t(`common:languages.${lang}`) })}
            </Button>
          ))}
        </Group>
        <ProblemAlert problem={download.error} />
        <Select
          label={t('chase.channel')}
          required
          data={TRANSMISSION_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          value={channel}
          onChange={(c) => setChannel((c ?? 'EMAIL') as TransmissionChannel)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput type="date" label={t('chase.dispatchedAt')} required max={new Date().toISOString().slice(0, 10)} value={day} onChange={(e) => setDay(e.currentTarget.value)} />
        <TextInput label={t('chase.reference')} required maxLength={200} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
        <ProblemAlert problem={chase.error} />
      </Stack>
    </FormDialog>
  );
}
