import { Alert, Anchor, Badge, Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReachBadge } from '@/components/badges';
import { Page } from '@/components/Page';
import { ProblemAlert } from '@/components/problem';
import type { Authority } from '@/lib/api/client';
import { useAuthorities } from '@/lib/api/hooks';
import { EntryDialog, RetireDialog } from '../components/DirectoryDialogs';
import { byCountry, countryName, DIRECTORY_KINDS, searchDirectory } from '../directory';

const isUrl = (s: string) => /^https?:\/\/\S+$/.test(s);

/** The source: a link when it is a URL, the text otherwise (long texts cut, whole on hover). */
function Source({ text }: { text: string }) {
  const url = text.match(/https?:\/\/[^\s)]+/)?.[0];
  const short = text.length > 90 ? `${text.slice(0, 87)}…` : text;
  if (url && isUrl(text)) return <Anchor href={url} target="_blank" rel="noreferrer" size="sm" style={{ wordBreak: 'break-all' }}>{text}</Anchor>;
  return (
    <Text size="sm" title={text}>
      {short} {url && <Anchor href={url} target="_blank" rel="noreferrer" size="sm" underline="always" aria-label={url}>↗</Anchor>}
    </Text>
  );
}

/** The admin's directory (DESIGN §14): every central authority and 24/7 contact point, searchable, added, edited and retired here. */
export function DirectoryPage() {
  const { t, i18n } = useTranslation('admin');
  const authorities = useAuthorities();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Authority | 'new' | null>(null);
  const [retiring, setRetiring] = useState<Authority | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const entries = useMemo(() => (authorities.data ?? []).filter((a) => (DIRECTORY_KINDS as readonly string[]).includes(a.kind)), [authorities.data]);
  const shown = useMemo(() => byCountry(searchDirectory(entries, query), i18n.language), [entries, query, i18n.language]);
  const nameOf = (a: Authority) => a.names?.[i18n.language] ?? a.names?.en ?? a.name;
  return (
    <Page title={t('directory.title')} subtitle={t('directory.subtitle')} actions={<Button onClick={() => setEditing('new')}>{t('directory.add')}</Button>}>
      {done && (
        <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      <ProblemAlert problem={authorities.error} />
      <Group align="flex-end">
        <TextInput label={t('directory.search')} description={t('directory.searchHelp')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} type="search" w={420} />
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('directory.found', { count: shown.length, total: entries.length })}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={1050}>
        <Table striped verticalSpacing="xs">
          <Table.Caption>{t('directory.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common:field.country')}</Table.Th>
              <Table.Th>{t('common:field.name')}</Table.Th>
              <Table.Th>{t('directory.reach')}</Table.Th>
              <Table.Th>{t('directory.correspondence')}</Table.Th>
              <Table.Th>{t('directory.source')}</Table.Th>
              <Table.Th>{t('directory.lastVerified')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{countryName(a.country, i18n.language)}</Table.Td>
                <Table.Td miw={240}>
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>{nameOf(a)}</Text>
                    <Group gap={6}>
                      <Code>{a.code}</Code>
                      <Text size="xs" c="dimmed">{t(`common:authorityKind.${a.kind}`)} · {a.timezone} · {(a.languages ?? []).join(', ')}</Text>
                    </Group>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <ReachBadge reach={a.reach} />
                    {a.retiredAt && <Badge color="red" variant="light" c="dark.8">{t('directory.retired')}</Badge>}
                  </Stack>
                </Table.Td>
                <Table.Td maw={200}>
                  <Stack gap={2}>
                    {a.email && <Anchor href={`mailto:${a.email}`} size="sm">{a.email}</Anchor>}
                    {a.address && <Text size="xs">{a.address}</Text>}
                    {(a.channels ?? []).length > 0 && <Text size="xs" c="dimmed">{a.channels.map((c) => t(`directory.channel.${c}`)).join(', ')}</Text>}
                  </Stack>
                </Table.Td>
                <Table.Td maw={230}>{a.source ? <Source text={a.source} /> : <Text c="dimmed" size="sm">—</Text>}</Table.Td>
                <Table.Td>{a.lastVerified ?? '—'}</Table.Td>
                <Table.Td>
                  <Stack gap={6} align="stretch">
                    <Button size="xs" variant="default" onClick={() => setEditing(a)} aria-label={t('directory.editOf', { code: a.code })}>
                      {t('directory.edit')}
                    </Button>
                    <Button size="xs" variant="subtle" color={a.retiredAt ? 'blue' : 'red'} onClick={() => setRetiring(a)} aria-label={t(a.retiredAt ? 'directory.restoreOf' : 'directory.retireOf', { code: a.code })}>
                      {t(a.retiredAt ? 'directory.restore' : 'directory.retire')}
                    </Button>
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown.length === 0 && !authorities.isLoading && <Text c="dimmed">{t('directory.noEntries')}</Text>}
      {editing && <EntryDialog authority={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={(code) => setDone(t(editing === 'new' ? 'directory.added' : 'directory.saved', { code }))} />}
      {retiring && <RetireDialog authority={retiring} onClose={() => setRetiring(null)} onDone={(code, retired) => setDone(t(retired ? 'directory.retiredDone' : 'directory.restoredDone', { code }))} />}
    </Page>
  );
}
