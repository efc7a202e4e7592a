import { canonicalZone, zoneLabel } from '@/lib/names';
import { Badge, Group, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Deadline } from '@/lib/api/client';
import { formatDate, formatDateTime, formatDuration, viewerTimeZone } from '@/lib/format';
import { LevelBadge } from './badges';

const STATUS_COLOR: Record<Deadline['status'], string> = { PENDING: 'blue', PAUSED: 'gray', MET: 'green', OVERDUE: 'red', CANCELLED: 'gray' };

export interface DeadlineZones {
  /** The requesting authority's time zone. */
  requesting: string;
  /** The requested authority's time zone. */
  requested: string;
  /** Where the viewer is (the browser's zone by default). */
  viewer?: string;
}

/**
 * A request's deadlines on a timeline, in order of due time: each with its due time in the
 * viewer's zone and in the zone of the side that must act, the time left or overdue, the
 * escalation level, and beside EXECUTION the delay the requested side reported.
 */
export function DeadlineTimeline({ deadlines, zones, now = new Date() }: { deadlines: Deadline[]; zones: DeadlineZones; now?: Date }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const viewer = canonicalZone(zones.viewer ?? viewerTimeZone());
  const sorted = [...deadlines].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  if (sorted.length === 0) return <Text c="dimmed">{t('deadlines.none')}</Text>;
  const active = sorted.findIndex((d) => d.status === 'PENDING' || d.status === 'OVERDUE' || d.status === 'PAUSED');
  return (
    <Timeline active={active === -1 ? sorted.length - 1 : active} bulletSize={18} lineWidth={2} role="list" aria-label={t('deadlines.title')}>
      {sorted.map((d) => {
        const holderZone = canonicalZone(d.party === 'REQUESTING' ? zones.requesting : zones.requested);
        const left = new Date(d.dueAt).getTime() - now.getTime();
        const open = d.status === 'PENDING' || d.status === 'OVERDUE';
        return (
          <Timeline.Item
            key={d.id}
            role="listitem"
            aria-label={t(`deadlineKind.${d.kind}`)}
            color={STATUS_COLOR[d.status]}
            title={
              <Group gap="xs">
                <Text fw={600} component="span">
                  {t(`deadlineKind.${d.kind}`)}
                </Text>
                <Badge color={STATUS_COLOR[d.status]} variant="light" c="dark.8">
                  {t(`deadlineStatus.${d.status}`)}
                </Badge>
                <LevelBadge level={d.escalationLevel} />
              </Group>
            }
          >
            <Text size="sm">
              {t('deadlines.due')}: <time dateTime={d.dueAt}>{formatDateTime(d.dueAt, lang, viewer)}</time> ({t('deadlines.yourZone', { zone: zoneLabel(viewer, lang) })})
            </Text>
            {holderZone !== viewer && (
              <Text size="sm" c="dimmed">
                {t('deadlines.holderTime', { side: t(`side.${d.party}`), zone: zoneLabel(holderZone, lang) })}: {formatDateTime(d.dueAt, lang, holderZone)}
              </Text>
            )}
            {open && left >= 0 && <Text size="sm">{t('deadlines.left', { duration: formatDuration(left, lang) })}</Text>}
            {open && left < 0 && (
              <Text size="sm" c="red" fw={600}>
                {t('deadlines.overdueBy', { duration: formatDuration(-left, lang) })}
              </Text>
            )}
            {d.status === 'PAUSED' && d.remainingMs !== null && d.remainingMs !== undefined && (
              <Text size="sm">{t('deadlines.paused', { duration: formatDuration(d.remainingMs, lang) })}</Text>
            )}
            {d.status === 'MET' && d.metAt && <Text size="sm">{t('deadlines.metAt', { at: formatDateTime(d.metAt, lang, viewer) })}</Text>}
            {d.kind === 'EXECUTION' && d.reportedDelay && (
              <Text size="sm" c="dark.8" fs="italic">
                {t('deadlines.reportedDelay', { date: formatDate(d.reportedDelay.expectedBy, lang), reason: d.reportedDelay.reason })}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
