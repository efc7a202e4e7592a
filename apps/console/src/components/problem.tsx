import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '@/lib/api/client';

/** The words of a problem in the user's language: its title, and a field's message. */
export function useProblemText() {
  const { t, i18n } = useTranslation();
  const title = (p: ApiProblem) => t(`problem.title.${p.code}`, { defaultValue: t('problem.title.other') });
  const forField = (p: unknown, field: string): string | undefined => {
    if (!(p instanceof ApiProblem)) return undefined;
    const matches = p.forField(field);
    if (matches.length === 0) return undefined;
    const label = t(`problem.field.${p.code}`, { defaultValue: t('problem.field.other') });
    // The server's own words are English: shown as they are in English, translated by code otherwise.
    if (i18n.language === 'en') return matches.map((m) => `${label}: ${m.message}`).join('; ');
    return label;
  };
  return { title, forField };
}

/**
 * A problem answered by the API, in the user's language: the title by code, the server's
 * detail, and the field errors that no form field shows. A 412 offers a reload.
 */
export function ProblemAlert({ problem, onReload, shownFields = [] }: { problem: unknown; onReload?: () => void; shownFields?: string[] }) {
  const { t, i18n } = useTranslation();
  const { title } = useProblemText();
  if (!problem) return null;
  const p = problem instanceof ApiProblem ? problem : new ApiProblem(0, 'other', String((problem as Error)?.message ?? problem));
  const rest = p.errors.filter((e) => !shownFields.some((f) => e.field === f || e.field.startsWith(`${f}.`) || e.field.startsWith(`${f}[`)));
  return (
    <Alert color={p.code === 'VERSION_CONFLICT' ? 'yellow' : 'red'} title={title(p)} role="alert">
      <Stack gap={6}>
        {p.code === 'VERSION_CONFLICT' && <Text size="sm">{t('problem.versionConflictHelp')}</Text>}
        {p.detail && (
          <Text size="sm" lang="en">
            {i18n.language === 'en' ? p.detail : `${t('problem.serverSaid')}: ${p.detail}`}
          </Text>
        )}
        {rest.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
            {rest.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                <Text size="sm" span>
                  <Code>{t(`field.${e.field.replace(/\[\d+\]/g, '')}`, { defaultValue: e.field })}</Code> {e.message}
                </Text>
              </li>
            ))}
          </ul>
        )}
        {onReload && p.code === 'VERSION_CONFLICT' && (
          <Group>
            <Button size="xs" variant="filled" color="yellow" onClick={onReload}>
              {t('reload')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
