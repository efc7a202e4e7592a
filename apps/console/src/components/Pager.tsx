import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Cursor paging: the first page, and the next one while the API names a cursor. */
export function Pager({ cursor, nextCursor, onCursor }: { cursor: string | undefined; nextCursor: string | null | undefined; onCursor: (c: string | undefined) => void }) {
  const { t } = useTranslation();
  if (!cursor && !nextCursor) return null;
  return (
    <Group justify="flex-end">
      <Button variant="default" size="xs" disabled={!cursor} onClick={() => onCursor(undefined)}>
        {t('firstPage')}
      </Button>
      <Button variant="default" size="xs" disabled={!nextCursor} onClick={() => onCursor(nextCursor ?? undefined)}>
        {t('nextPage')}
      </Button>
    </Group>
  );
}
