import { Alert, Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import type { RequestDto } from '@/lib/api/client';
import { useAuthorityName } from '@/lib/api/hooks';
import { countryName } from '@/lib/names';
import { useTransmissions } from './api';

/**
 * The requesting side's act waiting for the requested hub's decision (DESIGN §15: `pendingAct`):
 * which act, since when, whose decision it waits for (the requested authority, its country's
 * hub and that hub's node, read from the act's message), and that the actions come back once
 * decided. Nothing when no act is pending.
 */
export function PendingActNotice({ request }: { request: RequestDto }) {
  const { t, i18n } = useTranslation('transmissions');
  const authorityName = useAuthorityName();
  const transmissions = useTransmissions(request);
  const pending = request.pendingAct;
  if (!pending) return null;
  const node = transmissions.data?.items.find((m) => m.id === pending.messageId)?.peer;
  return (
    <PendingActAlert
      action={pending.action}
      proposedAt={pending.proposedAt}
      authority={authorityName(request.requestedAuthority)}
      country={countryName(request.requestedAuthority.country, i18n.language)}
      node={node}
    />
  );
}

/** The notice itself: "“Close the request” is waiting for the decision of … (sg.example). Asked on <time>." and that the actions come back. */
export function PendingActAlert({ action, proposedAt, authority, country, node }: { action: string; proposedAt: string; authority: string; country: string; node: string | undefined }) {
  const { t } = useTranslation('transmissions');
  const values = { act: t(`common:action.${action}`, { defaultValue: action }), authority, country, node: node ?? '' };
  return (
    <Alert color="blue" role="status" title={t('pending.title')}>
      <Text size="sm">
        <Trans t={t} i18nKey={node ? 'pending.text' : 'pending.textNoNode'} values={values} components={{ at: <DateTime value={proposedAt} /> }} />
      </Text>
      <Text size="sm" mt={4}>
        {t('pending.help')}
      </Text>
    </Alert>
  );
}
