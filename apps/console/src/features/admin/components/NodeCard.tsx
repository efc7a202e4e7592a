import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyField } from '@/components/CopyField';
import { countriesText, federates, thumbprintOf, type NodeDocument } from '../peers';

/** This node as a peer's operator needs it: its name, countries, and the URL and key thumbprint to give them (with copy buttons), when it federates. */
export function NodeCard({ node }: { node: NodeDocument }) {
  const { t, i18n } = useTranslation('admin');
  return (
    <Card withBorder component="section" aria-labelledby="this-node">
      <Stack gap="sm">
        <Title order={2} size="h4" id="this-node">
          {t('peers.thisNode')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Group gap={6}>
            <Text size="sm" fw={600}>{t('peers.nodeId')}:</Text>
            <Text size="sm">{node.nodeId}</Text>
          </Group>
          <Group gap={6}>
            <Text size="sm" fw={600}>{t('peers.countries')}:</Text>
            <Text size="sm">{federates(node) ? countriesText(node.countries, i18n.language) : t('common:none')}</Text>
          </Group>
        </SimpleGrid>
        {/* nothing to give a peer's operator in the single-node mode: it peers with no one */}
        {federates(node) && (
          <>
            <CopyField label={t('peers.url')} value={node.url} />
            <CopyField label={t('peers.thumbprint')} value={thumbprintOf(node)} />
            <Text size="xs" c="dimmed">
              {t('peers.thumbprintHelp')} {t('peers.thisNodeHelp')}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}
