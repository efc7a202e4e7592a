import { Anchor, Select, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestDto } from '@/lib/api/client';
import { useEvents } from '../api/requests';

/** Closing a PRESERVED request: the follow-up request that continues it (from its history), or a link to write one. */
export function FollowUpChoice({ request, value, onChange, error }: { request: RequestDto; value: string | null; onChange: (v: string | null) => void; error?: string }) {
  const { t } = useTranslation('requests');
  const events = useEvents(request.id);
  const options = useMemo(() => {
    const seen = new Map<string, string>();
    for (const e of events.data?.items ?? []) {
      const input = (e.input ?? {}) as { followUpRequestId?: string; followUpReference?: string };
      if (e.action === 'follow_up_sent' && input.followUpRequestId) seen.set(input.followUpRequestId, input.followUpReference ?? input.followUpRequestId);
    }
    return [...seen].map(([id, reference]) => ({ value: id, label: reference }));
  }, [events.data]);
  return (
    <Stack gap={4}>
      <Select
        label={t('dialog.followUp')}
        placeholder={t('dialog.noFollowUp')}
        description={t('dialog.followUpHelp')}
        data={options}
        value={value}
        onChange={onChange}
        clearable
        error={error}
        comboboxProps={{ withinPortal: true }}
      />
      <Anchor component={Link} to={`/requests/new?from=${request.id}`} size="sm">
        {t('dialog.createFollowUp')}
      </Anchor>
    </Stack>
  );
}
