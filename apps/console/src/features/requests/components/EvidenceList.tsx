import { Anchor, Badge, Code, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem';
import { formatBytes, formatDateTime } from '@/lib/format';
import { useEvidence } from '../api/requests';

/** Delivered evidence: hash, size, custody log, and the file to download once stored. */
export function EvidenceList({ requestId }: { requestId: string }) {
  const { t, i18n } = useTranslation('requests');
  const evidence = useEvidence(requestId);
  const items = evidence.data?.items ?? [];
  if (evidence.error) return <ProblemAlert problem={evidence.error} />;
  if (items.length === 0) return <Text c="dimmed">{t('evidence.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table verticalSpacing="sm">
        <Table.Caption>{t('evidence.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common:field.description')}</Table.Th>
            <Table.Th>{t('evidence.hash')}</Table.Th>
            <Table.Th>{t('evidence.size')}</Table.Th>
            <Table.Th>{t('evidence.custody')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="xs" c="dimmed">
                    {t('evidence.delivery', { no: e.deliveryNo, item: e.itemNo })} · {t(`common:evidenceKind.${e.kind}`)}
                  </Text>
                  <Text size="sm">{e.description}</Text>
                  {e.supersededById && <Badge color="gray">{t('evidence.superseded')}</Badge>}
                </Stack>
              </Table.Td>
              <Table.Td>{e.sha256 ? <Code style={{ wordBreak: 'break-all' }}>{e.sha256}</Code> : '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBytes(e.sizeBytes, i18n.language)}</Table.Td>
              <Table.Td>
                <ul style={{ margin: 0, paddingInlineStart: '1em' }}>
                  {e.custody.map((c, i) => (
                    <li key={i}>
                      <Text size="xs">{t('evidence.custodyEntry', { from: c.from, to: c.to, at: formatDateTime(c.at, i18n.language) })}</Text>
                    </li>
                  ))}
                </ul>
              </Table.Td>
              <Table.Td>
                {e.contentStoredAt ? (
                  <Stack gap={2}>
                    <Anchor href={`/api/v1/requests/${requestId}/evidence/${e.id}/content`} download={`${e.sha256 ?? e.id}.bin`}>
                      {t('evidence.download')}
                    </Anchor>
                    <Text size="xs" c="teal.9">
                      {t('evidence.stored', { at: formatDateTime(e.contentStoredAt, i18n.language) })}
                    </Text>
                  </Stack>
                ) : (
                  <Text size="xs" c="dimmed">
                    {e.kind === 'FILE' ? t('evidence.declared') : ''}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
