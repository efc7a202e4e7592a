import { Anchor, Badge, Code, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem';
import type { Schemas } from '@/lib/api/client';
import { useMe, useRequest } from '@/lib/api/hooks';
import { formatBytes, formatDateTime } from '@/lib/format';
import { countryName } from '@/lib/names';
import { useEvidence } from '../api/requests';
import { usePeerFiles } from '../transmissions/api';
import type { PeerFile } from '../transmissions/PeerFiles';
import { ReuploadButton, ReuploadDialog } from './EvidenceReupload';

/**
 * Delivered evidence: hash, size, custody log, how the file travels, and the file to download
 * once stored; an item to be uploaded whose file is missing says so to both sides, and the
 * requested authority's officer uploads it again from here. An item the other hub delivered
 * (DESIGN §15) shows its file arriving from that hub until received and checked, then to download.
 */
export function EvidenceList({ requestId }: { requestId: string }) {
  const { t, i18n } = useTranslation('requests');
  const evidence = useEvidence(requestId);
  const me = useMe().data;
  const request = useRequest(requestId).data;
  const uploader = !!me && me.role === 'OFFICER' && !!me.authority && me.authority.id === request?.requestedAuthority.id;
  const items = evidence.data?.items ?? [];
  const peerFiles = usePeerFiles(request).data?.items ?? [];
  // Where an item delivered on the other hub comes from, until its file is listed here: that country.
  const peer = request ? countryName(request.requestedAuthority.country, i18n.language) : '—';
  const [reuploading, setReuploading] = useState<Schemas['EvidenceItemDto'] | null>(null);
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
                  {e.fileName && (
                    <Text size="xs" c="dimmed" style={{ unicodeBidi: 'isolate' }}>
                      {e.fileName}
                    </Text>
                  )}
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
                <FileState requestId={requestId} item={e} peerFile={e.deliveredBy === null ? peerFiles.find((f) => f.direction === 'IN' && f.sha256 === e.sha256) : undefined} peer={peer} onReupload={uploader ? () => setReuploading(e) : undefined} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {reuploading && <ReuploadDialog requestId={requestId} item={reuploading} onClose={() => setReuploading(null)} />}
    </Table.ScrollContainer>
  );
}

/**
 * Where the item's file is: stored and verified (to download, under its own name), arriving from
 * the other hub or not received from it, missing (to upload again), or out of band.
 */
function FileState({ requestId, item: e, peerFile, peer, onReupload }: { requestId: string; item: Schemas['EvidenceItemDto']; peerFile?: PeerFile; peer: string; onReupload?: () => void }) {
  const { t, i18n } = useTranslation('requests');
  const { t: tx } = useTranslation('evidence');
  const { t: tt } = useTranslation('transmissions');
  if (e.contentStoredAt) {
    return (
      <Stack gap={2}>
        <Badge color="teal" variant="light" c="dark.8">
          {tx('badge.stored')}
        </Badge>
        {/* No name given here: the browser takes the server's (Content-Disposition, filename*). */}
        <Anchor href={`/api/v1/requests/${requestId}/evidence/${e.id}/content`} download>
          {e.fileName ? tx('list.download', { name: e.fileName }) : t('evidence.download')}
        </Anchor>
        <Text size="xs" c="teal.9">
          {t('evidence.stored', { at: formatDateTime(e.contentStoredAt, i18n.language) })}
        </Text>
      </Stack>
    );
  }
  // Delivered on the other hub (no deliverer here): its file comes from there, never uploaded here.
  if (e.deliveredBy === null && e.transfer === 'UPLOAD' && !e.supersededById) {
    const failed = peerFile?.state === 'FAILED';
    return (
      <Stack gap={4} align="flex-start">
        <Badge color={failed ? 'red' : 'blue'} variant="light" c="dark.8">
          {tt(failed ? 'files.state.FAILED' : 'files.state.ARRIVING')}
        </Badge>
        <Text size="xs">{tt(failed ? 'files.evidenceFailed' : 'files.evidenceArriving', { node: peerFile?.peer ?? peer })}</Text>
        {failed && <Text size="xs">{tt('files.failedHelp')}</Text>}
        {peerFile?.lastError && (
          <Text size="xs" c="dimmed">
            {tt('common:technicalDetail')}: <Code fz="xs" style={{ wordBreak: 'break-word' }}>{peerFile.lastError}</Code>
          </Text>
        )}
      </Stack>
    );
  }
  if (e.fileMissing) {
    return (
      <Stack gap={4} align="flex-start">
        <Badge color="red" variant="filled">
          {tx('badge.missing')}
        </Badge>
        <Text size="xs">{tx(onReupload ? 'list.missingHelp' : 'list.missingOther')}</Text>
        {onReupload && <ReuploadButton onClick={onReupload} />}
      </Stack>
    );
  }
  if (e.transfer === 'OUT_OF_BAND' && e.sha256) {
    return (
      <Stack gap={2} align="flex-start">
        <Badge color="gray" variant="light" c="dark.8">
          {tx('badge.outOfBand')}
        </Badge>
        <Text size="xs" c="dimmed">
          {e.medium ? tx('list.outOfBand', { medium: e.medium }) : tx('list.outOfBandNoMedium')}
        </Text>
      </Stack>
    );
  }
  return null;
}
