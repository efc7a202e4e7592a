import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequestDto, RequestState, RequestSummary } from '@/lib/api/client';
import { useAuthorityName, useMe } from '@/lib/api/hooks';
import { whoActsNext } from '@/lib/who-acts';

const STATE_COLOR: Record<RequestState, string> = {
  DRAFT: 'gray', IN_REVIEW: 'violet', SENT: 'blue', ACKNOWLEDGED: 'cyan', PRESERVED: 'teal', IN_EXECUTION: 'indigo',
  INFO_REQUESTED: 'orange', EVIDENCE_RECEIVED: 'green', CLOSED: 'dark', REFUSED: 'red', WITHDRAWN: 'gray', EXPIRED: 'red',
};

/** A request's state in words. */
export function StateBadge({ state }: { state: RequestState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" c="dark.8">
      {t(`state.${state}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: RequestDto['priority'] }) {
  const { t } = useTranslation();
  if (priority === 'EMERGENCY') {
    return (
      <Badge color="red.9" variant="filled">
        {t(`priority.${priority}`)}
      </Badge>
    );
  }
  return (
    <Badge color={priority === 'URGENT' ? 'orange' : 'gray'} variant={priority === 'URGENT' ? 'light' : 'outline'} c="dark.8">
      {t(`priority.${priority}`)}
    </Badge>
  );
}

/** An escalation level: 0 on time, 1 overdue, 2 escalated to both countries' supervisors. */
export function LevelBadge({ level }: { level: number }) {
  const { t } = useTranslation();
  if (level <= 0) return null;
  return (
    <Badge color={level >= 2 ? 'red.9' : 'orange'} variant={level >= 2 ? 'filled' : 'light'} c={level >= 2 ? undefined : 'dark.8'}>
      {t('level', { level })}
    </Badge>
  );
}

/** Who must act next, named as people see it ("Central authority of Viet Nam (you)", "Attorney-General's Chambers (Singapore)"). */
export function BallHolder({ request }: { request: Pick<RequestSummary, 'ballHolder' | 'ballHolderRole' | 'requestingAuthority' | 'requestedAuthority'> }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const nameOf = useAuthorityName();
  const next = whoActsNext(request, me.data, t, i18n.language, nameOf);
  if (!next) return <>{t('ballHolderNone')}</>;
  return next.you ? <strong>{next.label}</strong> : <>{next.label}</>;
}

const REACH_COLOR = { LOCAL: 'green', PEER: 'blue', OFFLINE: 'gray' } as const;

/** Where an authority works (DESIGN §14): on this hub, on another, or by correspondence. */
export function ReachBadge({ reach }: { reach: keyof typeof REACH_COLOR }) {
  const { t } = useTranslation();
  return (
    <Badge color={REACH_COLOR[reach]} variant="light" c="dark.8" title={t(`reachHelp.${reach}`)}>
      {t(`reach.${reach}`)}
    </Badge>
  );
}
