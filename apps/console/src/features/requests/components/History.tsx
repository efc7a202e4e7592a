import { Alert, Button, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { ProblemAlert } from '@/components/problem';
import { formatDateTime } from '@/lib/format';
import { useEvents, useVerify } from '../api/requests';
import { recordedLine } from '../counterparts/history-line';

/** The hash-chained history, and the check of its chain by the API (events/verify). */
export function History({ requestId }: { requestId: string }) {
  const { t, i18n } = useTranslation('requests');
  const events = useEvents(requestId);
  const verify = useVerify(requestId);
  const items = events.data?.items ?? [];
  return (
    <Stack>
      <Group>
        <Button variant="default" onClick={() => void verify.refetch()} loading={verify.isFetching}>
          {t('history.verify')}
        </Button>
      </Group>
      {verify.data && (
        <Alert color={verify.data.valid ? 'green' : 'red'} role="status">
          {verify.data.valid ? t('history.valid', { count: verify.data.count }) : t('history.broken', { seq: verify.data.brokenAt, reason: verify.data.reason ?? '' })}
        </Alert>
      )}
      <ProblemAlert problem={events.error ?? verify.error} />
      <Table.ScrollContainer minWidth={700}>
        <Table striped verticalSpacing="xs">
          <Table.Caption>{t('history.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('history.seq')}</Table.Th>
              <Table.Th>{t('history.action')}</Table.Th>
              <Table.Th>{t('history.change')}</Table.Th>
              <Table.Th>{t('history.actor')}</Table.Th>
              <Table.Th>{t('history.at')}</Table.Th>
              <Table.Th>{t('history.hash')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => {
              // The other side's internal work: only its place in the chain (seq, hash).
              const hidden = e.hidden || !e.action;
              return (
                <Table.Tr key={e.seq}>
                  <Table.Td>{e.seq}</Table.Td>
                  <Table.Td>{hidden ? <Text c="dimmed" size="sm">{t('history.hidden')}</Text> : t(`common:action.${e.action}`, { defaultValue: e.action })}</Table.Td>
                  <Table.Td>
                    {e.fromState || e.toState ? (
                      <Text size="sm">
                        {e.fromState ? t(`common:state.${e.fromState}`) : '—'} → {e.toState ? t(`common:state.${e.toState}`) : '—'}
                      </Text>
                    ) : null}
                    {hidden ? null : <EventInput action={e.action ?? ''} input={e.input} />}
                    {hidden ? null : <RecordedFrom line={recordedLine(e, t, i18n.language)} />}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {e.actor?.userId === null && e.actor?.role === 'SYSTEM' ? t('history.system') : t(`common:role.${e.actor?.role}`, { defaultValue: e.actor?.role ?? '' })}
                      {e.actor?.authorityCode ? ` · ${e.actor.authorityCode}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <DateTime value={e.occurredAt} />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={e.hash}>
                      <Code>{e.hash.slice(0, 12)}…</Code>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** An act recorded from a letter of a counterpart on no MLA Hub: who acted, who recorded it, from which letter (DESIGN §14). */
function RecordedFrom({ line }: { line: string | null }) {
  return line ? <Text size="xs" fw={500}>{line}</Text> : null;
}

const HIDDEN_KEYS = new Set(['deadlineId', 'requestedAuthorityId', 'relatedRequestId', 'followUpRequestId', 'party', 'assigneeId', 'previousAssigneeId', 'supersedesId']);
const ENUMS: Record<string, string> = { type: 'type', priority: 'priority', channel: 'channel', legalBasis: 'legalBasis', ground: 'refusalGround', kind: 'deadlineKind' };
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

interface MovedDeadline {
  deadlineId: string;
  kind: string;
  party?: string;
  businessDays?: number;
  oldDueAt: string;
  newDueAt: string;
}

/**
 * A recompute_deadlines event (a country's working calendar changed): the calendar, and each
 * deadline it moved with its count of business days and its old and new due time.
 */
export function RecomputedDeadlines({ input }: { input: Record<string, unknown> | undefined }) {
  const { t, i18n } = useTranslation('requests');
  const moved = (Array.isArray(input?.deadlines) ? input.deadlines : []) as MovedDeadline[];
  const country = typeof input?.calendarCountry === 'string' ? input.calendarCountry : '?';
  return (
    <Stack gap={2}>
      <Text size="xs">{t('history.recomputed', { country })}</Text>
      {moved.map((d) => (
        <Text size="xs" c="dimmed" key={d.deadlineId}>
          {t('history.recomputedDeadline', {
            kind: t(`common:deadlineKind.${d.kind}`, { defaultValue: d.kind }),
            count: d.businessDays ?? 0,
            from: formatDateTime(d.oldDueAt, i18n.language),
            to: formatDateTime(d.newDueAt, i18n.language),
          })}
        </Text>
      ))}
    </Stack>
  );
}

/** What an event carried, in words: for a draft's creation and edits the fields it set; for an action its inputs. */
function EventInput({ action, input }: { action: string; input: Record<string, unknown> | undefined }) {
  const { t, i18n } = useTranslation();
  if (action === 'recompute_deadlines') return <RecomputedDeadlines input={input} />;
  const entries = Object.entries(input ?? {}).filter(([k]) => !HIDDEN_KEYS.has(k));
  if (entries.length === 0) return null;
  const label = (k: string) => t(`field.${k}`, { defaultValue: k });
  if (action === 'create' || action === 'edit') {
    return (
      <Text size="xs" c="dimmed">
        {entries.map(([k]) => label(k === 'offence' ? 'offence.description' : k)).join(' · ')}
      </Text>
    );
  }
  const value = (k: string, v: unknown): string => {
    if (k === 'items' && Array.isArray(v)) return String(v.length);
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    if (typeof v === 'string' && ENUMS[k]) return t(`${ENUMS[k]}.${v}`, { defaultValue: v });
    if (typeof v === 'string' && ISO_INSTANT.test(v)) return formatDateTime(v, i18n.language);
    if (typeof v === 'string' || typeof v === 'number') return String(v).slice(0, 140);
    return '';
  };
  const shown = entries.map(([k, v]) => [k, value(k, v)] as const).filter(([, v]) => v !== '');
  if (shown.length === 0) return null;
  return (
    <Text size="xs" c="dimmed">
      {shown.map(([k, v]) => `${label(k)}: ${v}`).join(' · ')}
    </Text>
  );
}
