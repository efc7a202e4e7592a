import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequestSummary } from '@/lib/api/client';
import { formatDateTime, formatDuration } from '@/lib/format';
import { LevelBadge } from './badges';

/** A request's earliest open deadline in a list: its kind, due time in the user's zone, time left or overdue, level. */
export function NextDeadline({ deadline, now = Date.now() }: { deadline: RequestSummary['nextDeadline'] | undefined; now?: number }) {
  const { t, i18n } = useTranslation();
  if (!deadline) {
    return (
      <Text size="sm" c="dimmed">
        {t('noDeadline')}
      </Text>
    );
  }
  const left = new Date(deadline.dueAt).getTime() - now;
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm">
        {t(`deadlineKind.${deadline.kind}`)}: {formatDateTime(deadline.dueAt, i18n.language)}
        <br />
        <Text span size="xs" c={left < 0 ? 'red.9' : 'dimmed'}>
          {left < 0 ? t('deadlines.overdueBy', { duration: formatDuration(-left, i18n.language) }) : t('deadlines.left', { duration: formatDuration(left, i18n.language) })}
        </Text>
      </Text>
      <LevelBadge level={deadline.escalationLevel} />
    </Group>
  );
}
