import { Anchor, Badge, Code, Stack, Table, Text, Title } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { ProblemAlert } from '@/components/problem';
import type { RequestDto, Schemas } from '@/lib/api/client';
import { formatBytes } from '@/lib/format';
import { countryName } from '@/lib/names';
import { usePeerFiles } from './api';

export type PeerFile = Schemas['PeerFileDto'];

const STATE_COLOR: Record<PeerFile['state'], string> = { ARRIVING: 'blue', RECEIVED: 'teal', FAILED: 'red', OFFERED: 'gray' };

/** The address of a received file's bytes (named after the file by the server). */
export const peerFileHref = (requestId: string, sha256: string) => `/api/v1/requests/${requestId}/peer-files/${sha256}/content`;

/** Where a file from the other hub stands, in a sentence or two: arriving (with failed attempts), received (to download), or given up (why). */
export function PeerFileState({ requestId, file }: { requestId: string; file: PeerFile }) {
  const { t } = useTranslation('transmissions');
  const name = file.fileName ?? `${file.sha256.slice(0, 12)}…`;
  return (
    <Stack gap={4} align="flex-start">
      <Badge color={STATE_COLOR[file.state]} variant="light" c="dark.8">
        {t(`files.state.${file.state}`)}
      </Badge>
      {file.state === 'ARRIVING' && (
        <Text size="sm">{file.attempts > 0 ? t('files.arrivingRetry', { node: file.peer, count: file.attempts }) : t('files.arriving', { node: file.peer })}</Text>
      )}
      {file.state === 'RECEIVED' && (
        <>
          <Text size="sm">
            <Trans t={t} i18nKey="files.received" components={{ at: <DateTime value={file.receivedAt} /> }} />
          </Text>
          {/* No name given here: the browser takes the server's (Content-Disposition, filename*). */}
          <Anchor href={peerFileHref(requestId, file.sha256)} download size="sm">
            {t('files.download', { name })}
          </Anchor>
        </>
      )}
      {file.state === 'FAILED' && (
        <>
          <Text size="sm" fw={600}>{t('files.failed', { node: file.peer, count: file.attempts })}</Text>
          <Text size="sm">{t('files.failedHelp')}</Text>
        </>
      )}
      {file.state !== 'RECEIVED' && file.lastError && (
        <Text size="xs" c="dimmed">
          {t('common:technicalDetail')}: <Code fz="xs" style={{ wordBreak: 'break-word' }}>{file.lastError}</Code>
        </Text>
      )}
    </Stack>
  );
}

/** The files the other hub sent with the request (IN) as a table: name, SHA-256, size, where each stands. */
export function PeerFilesTable({ requestId, files }: { requestId: string; files: PeerFile[] }) {
  const { t, i18n } = useTranslation('transmissions');
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table verticalSpacing="sm">
        <Table.Caption>{t('files.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('files.column.file')}</Table.Th>
            <Table.Th scope="col">{t('files.column.hash')}</Table.Th>
            <Table.Th scope="col">{t('files.column.size')}</Table.Th>
            <Table.Th scope="col">{t('files.column.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {files.map((f) => (
            <Table.Tr key={f.sha256}>
              <Table.Th scope="row" fw={400}>
                <Text size="sm" style={{ unicodeBidi: 'isolate' }}>{f.fileName ?? '—'}</Text>
              </Table.Th>
              <Table.Td>
                <Code style={{ wordBreak: 'break-all' }}>{f.sha256}</Code>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBytes(f.sizeBytes, i18n.language)}</Table.Td>
              <Table.Td>
                <PeerFileState requestId={requestId} file={f} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * On the requested side of a request received from another hub (DESIGN §15): the letter of
 * request and the documents that hub listed, each arriving (fetched by SHA-256 and checked),
 * received (to download) or not received (why). Nothing for a request not received from a hub.
 */
export function ReceivedFiles({ request }: { request: RequestDto }) {
  const { t, i18n } = useTranslation('transmissions');
  const files = usePeerFiles(request);
  if (request.requestingAuthority.reach !== 'PEER') return null;
  const items = (files.data?.items ?? []).filter((f) => f.direction === 'IN');
  const node = items[0]?.peer ?? countryName(request.requestingAuthority.country, i18n.language);
  return (
    <Stack gap="xs" component="section" aria-labelledby="received-files-heading">
      <Title order={3} size="h5" id="received-files-heading">
        {t('files.title', { node })}
      </Title>
      <Text size="sm" c="dimmed">
        {t('files.intro', { country: countryName(request.requestingAuthority.country, i18n.language) })}
      </Text>
      <ProblemAlert problem={files.error} />
      {files.isPending ? null : items.length === 0 ? <Text c="dimmed">{t('files.none')}</Text> : <PeerFilesTable requestId={request.id} files={items} />}
    </Stack>
  );
}
