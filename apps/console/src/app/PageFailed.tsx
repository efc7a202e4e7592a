import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';

/** A screen that failed while showing: said in the person's language, inside the layout (its navigation stays), with a way on. */
export function PageFailed() {
  const { t } = useTranslation('app');
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" role="alert" title={t('pageFailed')}>
      <Stack gap="xs">
        <Text size="sm">{t('pageFailedDetail', { message })}</Text>
        <Group>
          <Button size="xs" onClick={() => window.location.reload()}>
            {t('reload')}
          </Button>
          <Anchor component={Link} to="/" size="sm">
            {t('home')}
          </Anchor>
        </Group>
      </Stack>
    </Alert>
  );
}

