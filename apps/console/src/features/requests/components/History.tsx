import { Alert, Button, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTime } from '@/components/DateTime';
import { ProblemAlert } from '@/components/problem';
import { formatDateTime } from '@/lib/format';
import { countryName } from '@/lib/names';
import { actionText, actorText, changedFieldsByEvent, eventParts, federationParts, proposalNodes, type HistoryEvent } from './history-text';
import { useEvents, useVerify } from '../api/requests';
import { recordedLine } from '../counterparts/history-line';

/** The hash-chained history, and the check of its chain by the API (events/verify). */
export function History({ requestId }: { requestId: string }) {
  const { t, i18n } = useTranslation('requests');
  const events = useEvents(requestId);
  const verify = useVerify(requestId);
  const items = events.data?.items ?? [];
  const changed = changedFieldsByEvent(items as HistoryEvent[]);
  const proposedTo = proposalNodes(items as HistoryEvent[]);
  return (
    <Stack>
      <Group>
        <Button variant="default" onClick={() => void verify.refetch()} loading={verify.isFetching}>
          {t('history.verify')}
        </Button>
      </Group>
      {verify.data && (
        <Alert color={verify.data.valid ? 'green' : 'red'} role="status">
          {verify.data.valid
            ? t('history.valid', { count: verify.data.count })
            : verify.data.brokenAt === undefined
              ? t('history.sharedBroken', { reason: verify.data.reason ?? '' })
              : t('history.broken', { seq: verify.data.brokenAt, reason: verify.data.reason ?? '' })}
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
                  <Table.Td>{hidden ? <Text c="dimmed" size="sm">{t('history.hidden')}</Text> : actionText(e as HistoryEvent, t)}</Table.Td>
                  <Table.Td>
                    {e.fromState || e.toState ? (
                      <Text size="sm">
                        {e.fromState ? t(`common:state.${e.fromState}`) : '—'} → {e.toState ? t(`common:state.${e.toState}`) : '—'}
                      </Text>
                    ) : null}
                    {hidden ? null : <EventInput event={e as HistoryEvent} changed={changed.get(e.seq)} proposedTo={proposedTo} />}
                    {hidden ? null : <RecordedFrom line={recordedLine(e, t, i18n.language)} />}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{hidden ? null : actorText(e.actor as HistoryEvent['actor'], events.data?.names, t)}</Text>
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
  const country = typeof input?.calendarCountry === 'string' ? countryName(input.calendarCountry, i18n.language) : '?';
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

const ACROSS_HUBS_ONLY = new Set(['act_proposed', 'act_rejected']);

/** What an event carried, in words (history-text.ts); an event of the request's life across two hubs in its own sentences first. */
export function EventInput({ event, changed, proposedTo = new Map() }: { event: HistoryEvent; changed: string[] | undefined; proposedTo?: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  if (event.action === 'recompute_deadlines') return <RecomputedDeadlines input={event.input} />;
  const across = federationParts(event, proposedTo, t, i18n.language);
  const parts = [...across, ...(ACROSS_HUBS_ONLY.has(event.action ?? '') ? [] : eventParts(event, changed, t, i18n.language))];
  if (parts.length === 0) return null;
  return (
    <Stack gap={0}>
      {parts.map((p) => (
        <Text size="xs" c="dimmed" key={p} style={{ overflowWrap: 'anywhere' }}>
          {p}
        </Text>
      ))}
    </Stack>
  );
}
