import { Alert, Badge, Button, Code, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { Page } from '@/components/Page';
import { ProblemAlert } from '@/components/problem';
import { useMe } from '@/lib/api/hooks';
import { usePeers, useNodeDocument } from '../api/peers';
import { DeadMessages } from '../components/DeadMessages';
import { NodeCard } from '../components/NodeCard';
import { AddPeerDialog, PeerActionDialog } from '../components/PeerDialogs';
import { actionsOf, countriesText, federates, type Peer, type PeerAction } from '../peers';

/**
 * The peers of this node (DESIGN §15): this node's identity to give a peer's operator, the
 * peers with their state, last contact and messages; an admin adds one (URL and RFC 7638
 * thumbprint), suspends, resumes or re-reads its keys; a supervisor reads.
 */
export function PeersPage() {
  const { t, i18n } = useTranslation('admin');
  const me = useMe();
  const admin = me.data?.role === 'ADMIN';
  const node = useNodeDocument();
  const peers = usePeers();
  const [adding, setAdding] = useState(false);
  const [acting, setActing] = useState<{ peer: Peer; action: PeerAction } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = peers.data?.items ?? [];
  const single = node.data && !federates(node.data);
  return (
    <Page title={t('peers.title')} subtitle={t('peers.subtitle')} actions={admin && !single && node.data ? <Button onClick={() => setAdding(true)}>{t('peers.add')}</Button> : undefined}>
      {done && (
        <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      <ProblemAlert problem={node.error ?? peers.error} />
      {node.data && <NodeCard node={node.data} />}
      {single && (
        <Alert color="blue" title={t('peers.singleNodeTitle')}>
          {t('peers.singleNode')}
        </Alert>
      )}
      {!admin && me.data && <Text size="sm" c="dimmed">{t('peers.readOnly')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>{t('peers.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th miw={190}>{t('peers.node')}</Table.Th>
                <Table.Th>{t('peers.countries')}</Table.Th>
                <Table.Th>{t('peers.stateLabel')}</Table.Th>
                <Table.Th miw={150}>{t('peers.lastContact')}</Table.Th>
                <Table.Th miw={120}>{t('peers.messages')}</Table.Th>
                <Table.Th>{t('peers.keysReadAt')}</Table.Th>
                {admin && <Table.Th>{t('peers.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm" fw={600}>{p.nodeId}</Text>
                      <Text size="xs" style={{ wordBreak: 'break-all' }}>{p.url}</Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>{countriesText(p.countries, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge color={p.state === 'ACTIVE' ? 'green' : 'gray'} variant="light" c="dark.8">{t(`peers.state.${p.state}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{p.lastContactAt ? <DateTime value={p.lastContactAt} /> : t('peers.never')}</Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm">{t('peers.pending')}: {p.messagesPending}</Text>
                      <Text size="sm" c={p.messagesDead > 0 ? 'red.9' : undefined} fw={p.messagesDead > 0 ? 700 : undefined}>{t('peers.dead')}: {p.messagesDead}</Text>
                      <Text size="sm">{t('peers.received')}: {p.messagesReceived}</Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm"><DateTime value={p.keysReadAt} /></Text>
                      <Code title={t('peers.thumbprint')} fz="xs">{p.keyThumbprint}</Code>
                    </Stack>
                  </Table.Td>
                  {admin && (
                    <Table.Td>
                      <Stack gap={6} align="stretch">
                        {actionsOf(p).map((action) => (
                          <Button key={action} size="xs" variant={action === 'suspend' ? 'light' : 'default'} color={action === 'suspend' ? 'red' : undefined} onClick={() => setActing({ peer: p, action })} aria-label={t(`peers.actionOf.${action}`, { node: p.nodeId })}>
                            {t(`peers.action.${action}`)}
                          </Button>
                        ))}
                      </Stack>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {!single && node.data && peers.data && items.length === 0 && (
        <Stack gap={4}>
          <Text fw={600}>{t('peers.empty')}</Text>
          <Text size="sm">{t('peers.emptyHelp')}</Text>
        </Stack>
      )}
      {admin && !single && node.data && items.length > 0 && <DeadMessages />}
      {adding && <AddPeerDialog onClose={() => setAdding(false)} onDone={(p) => setDone(t('peers.added', { node: p.nodeId }))} />}
      {acting && <PeerActionDialog peer={acting.peer} action={acting.action} onClose={() => setActing(null)} onDone={(p) => setDone(t(`peers.done.${acting.action}`, { node: p.nodeId }))} />}
    </Page>
  );
}
