import { Badge, Button, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnreadCount } from '../api/notifications';

/** The header's link to the inbox, with the unread count. */
export function UnreadCount({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation('inbox');
  const unread = useUnreadCount(enabled);
  if (!enabled) return null;
  const count = unread.data?.count ?? 0;
  const shown = unread.data?.more ? '99+' : String(count);
  return (
    <Button
      component={Link}
      to="/inbox"
      variant="subtle"
      color="gray"
      rightSection={
        <Badge color={count > 0 ? 'red.9' : 'gray.8'} variant="filled" circle={shown.length < 3} aria-hidden>
          {shown}
        </Badge>
      }
    >
      {t('title')}
      <VisuallyHidden>: {t('unreadCount', { count })}</VisuallyHidden>
    </Button>
  );
}
