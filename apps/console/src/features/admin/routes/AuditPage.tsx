import { Button, Card, Code, Group, List, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { Page } from '@/components/Page';
import { Pager } from '@/components/Pager';
import { ProblemAlert } from '@/components/problem';
import { viewerTimeZone } from '@/lib/format';
import { useAudit, type AuditEntry, type AuditQuery } from '../api/admin';
import { actionKey, changeLines, targetLabel, type ChangeLine } from '../audit-text';
import { enums } from '@/lib/api/generated/api-values';

const ACTIONS: NonNullable<AuditQuery['action']>[] = ['authority.created', 'authority.updated', 'user.created', 'user.updated', 'calendar.year_set'];
const TARGET_TYPES: readonly NonNullable<AuditQuery['targetType']>[] = enums.AuditEntryDto.targetType;

/** The admin audit (GET /audit): who changed what and when, newest first; an ADMIN reads all of it, a supervisor their country's. */
export function AuditPage() {
  const { t } = useTranslation('admin');
  const [filters, setFilters] = useState<AuditQuery>({});
  const [target, setTarget] = useState<{ id: string; label: string } | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const audit = useAudit({ ...filters, targetId: target?.id, cursor });
  const set = (patch: Partial<AuditQuery>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCursor(undefined);
  };
  const items = audit.data?.items ?? [];
  return (
    <Page title={t('audit')} subtitle={t('auditSubtitle', { zone: viewerTimeZone() })}>
      <Card withBorder component="section" aria-label={t('common:search')}>
        <Group grow align="flex-end">
          <Select
            label={t('auditActionLabel')}
            placeholder={t('common:any')}
            data={ACTIONS.map((a) => ({ value: a, label: t(actionKey(a)) }))}
            value={filters.action ?? null}
            onChange={(v) => set({ action: (v ?? undefined) as AuditQuery['action'] })}
            clearable
          />
          <Select
            label={t('targetTypeLabel')}
            placeholder={t('common:any')}
            data={TARGET_TYPES.map((k) => ({ value: k, label: t(`targetType.${k}`) }))}
            value={filters.targetType ?? null}
            onChange={(v) => set({ targetType: (v ?? undefined) as AuditQuery['targetType'] })}
            clearable
          />
        </Group>
        {target && (
          <Group mt="sm" gap="xs">
            <Text size="sm" role="status">
              {t('onlyTargetShown', { target: target.label })}
            </Text>
            <Button size="xs" variant="default" onClick={() => { setTarget(null); setCursor(undefined); }}>
              {t('allTargets')}
            </Button>
          </Group>
        )}
      </Card>
      <ProblemAlert problem={audit.error} />
      {audit.isPending ? (
        <Text>{t('common:loading')}</Text>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('common:empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>{t('auditCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('when')}</Table.Th>
                <Table.Th>{t('by')}</Table.Th>
                <Table.Th>{t('auditActionLabel')}</Table.Th>
                <Table.Th>{t('target')}</Table.Th>
                <Table.Th>{t('changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <AuditRow key={e.id} entry={e} onTarget={(tg) => { setTarget(tg); setCursor(undefined); }} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager cursor={cursor} nextCursor={audit.data?.nextCursor} onCursor={setCursor} />
    </Page>
  );
}

function AuditRow({ entry, onTarget }: { entry: AuditEntry; onTarget: (t: { id: string; label: string }) => void }) {
  const { t } = useTranslation('admin');
  const label = targetLabel(entry);
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <DateTime value={entry.occurredAt} />
      </Table.Td>
      <Table.Td>{entry.actor.email}</Table.Td>
      <Table.Td>{t(actionKey(entry.action), { defaultValue: entry.action })}</Table.Td>
      <Table.Td>
        <Text size="sm">
          {t(`targetType.${entry.targetType}`)}: <Code>{label}</Code>
        </Text>
        {entry.countries.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('countries', { list: entry.countries.join(', ') })}
          </Text>
        )}
        <Button size="compact-xs" variant="subtle" onClick={() => onTarget({ id: entry.targetId, label })} aria-label={t('onlyTargetOf', { target: label })}>
          {t('onlyTarget')}
        </Button>
      </Table.Td>
      <Table.Td>
        <List size="sm" spacing={2}>
          {changeLines(entry).map((c) => (
            <List.Item key={c.field}>
              <ChangeText line={c} />
            </List.Item>
          ))}
        </List>
      </Table.Td>
    </Table.Tr>
  );
}

function ChangeText({ line }: { line: ChangeLine }) {
  const { t } = useTranslation('admin');
  const name = t(`auditField.${line.field}`, { defaultValue: t(`common:field.${line.field}`, { defaultValue: line.field }) });
  const value = (v: string | undefined) => {
    if (v === undefined) return '…';
    if (line.field === 'active') return v === 'true' ? t('active') : v === 'false' ? t('inactive') : v;
    if (line.field === 'role' && v !== '—') return t(`common:role.${v}`, { defaultValue: v });
    if (line.field === 'kind' && v !== '—') return t(`common:authorityKind.${v}`, { defaultValue: v });
    return v;
  };
  if (line.secret) return <>{t('secretSet', { field: name })}</>;
  if (line.count) {
    return <>{line.count.before === null ? t('listSet', { field: name, count: line.count.after }) : t('listChanged', { field: name, before: line.count.before, after: line.count.after })}</>;
  }
  if (line.before === undefined) return <>{`${name}: ${value(line.after)}`}</>;
  return <>{`${name}: ${value(line.before)} → ${value(line.after)}`}</>;
}
