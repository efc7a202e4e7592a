import { Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem';
import type { RequestDto } from '@/lib/api/client';
import { formatBytes, formatDateTime } from '@/lib/format';
import { useAttachments, useRemoveAttachment } from '../api/documents';
import { ReceivedFiles } from '../transmissions/PeerFiles';
import { AttachForm } from './AttachForm';
import { Letter } from './Letter';

/**
 * The letter of request (PDF, in English or Vietnamese; the letter as sent once the request
 * was sent) and the supporting documents: listed with their SHA-256 and downloadable by whoever
 * sees the request; attached (hashed in the browser, uploaded with progress, verified by the
 * server) and removed by the drafting prosecutor while it is a draft. A request received from
 * another hub shows instead the letter and documents that hub sent, as they arrive (DESIGN §15).
 */
export function Documents({ request, editable }: { request: RequestDto; editable: boolean }) {
  const { t, i18n } = useTranslation('requests');
  const attachments = useAttachments(request.id);
  const remove = useRemoveAttachment(request);
  const items = attachments.data?.items ?? [];
  const fromPeer = request.requestingAuthority.reach === 'PEER';
  return (
    <Stack>
      {fromPeer ? <ReceivedFiles request={request} /> : <Letter request={request} />}
      {/* A request received from another hub has its documents above; this hub's own (none but correspondence) only when there are. */}
      {!(fromPeer && items.length === 0) && (
        <Title order={3} size="h5">
          {t('documents.title')}
        </Title>
      )}
      {attachments.error && <ProblemAlert problem={attachments.error} />}
      {fromPeer && items.length === 0 ? null : items.length === 0 ? (
        <Text c="dimmed">{t('documents.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="sm">
            <Table.Caption>{t('documents.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('documents.document')}</Table.Th>
                <Table.Th>{t('documents.language')}</Table.Th>
                <Table.Th>{t('evidence.hash')}</Table.Th>
                <Table.Th>{t('evidence.size')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {t(`common:documentKind.${a.kind}`)} · {formatDateTime(a.createdAt, i18n.language)}
                    </Text>
                    <Text size="sm">{a.fileName}</Text>
                  </Table.Td>
                  <Table.Td>{t(`common:languages.${a.language}`, { defaultValue: a.language })}</Table.Td>
                  <Table.Td>
                    <Code style={{ wordBreak: 'break-all' }}>{a.sha256}</Code>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBytes(a.sizeBytes, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button component="a" size="xs" variant="default" href={`/api/v1/requests/${request.id}/attachments/${a.id}/content`} download={a.fileName}>
                        {t('documents.download', { name: a.fileName })}
                      </Button>
                      {editable && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          loading={remove.isPending && remove.variables === a.id}
                          onClick={() => window.confirm(t('documents.confirmRemove', { name: a.fileName })) && remove.mutate(a.id)}
                        >
                          {t('documents.remove', { name: a.fileName })}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ProblemAlert problem={remove.error} />
      {editable ? <AttachForm request={request} /> : request.state !== 'DRAFT' && <Text size="sm" c="dimmed">{t('documents.frozen')}</Text>}
    </Stack>
  );
}
