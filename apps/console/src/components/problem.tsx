import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '@/lib/api/client';
import { fieldProblemText, problemTitle, showsDetail } from '@/lib/problem-text';

/** The words of a problem in the user's language: its title, and a field's message (by its rule or the problem's code, never the server's sentence). */
export function useProblemText() {
  const { t, i18n } = useTranslation();
  const title = (p: ApiProblem) => problemTitle(p, t);
  const forField = (p: unknown, field: string): string | undefined => {
    if (!(p instanceof ApiProblem)) return undefined;
    const matches = p.forField(field);
    if (matches.length === 0) return undefined;
    // A rule of the requested country (REQUEST_INCOMPLETE, RULE_VIOLATED) names its source; its English sentence is kept for English readers.
    if (i18n.language === 'en' && (p.code === 'REQUEST_INCOMPLETE' || p.code === 'RULE_VIOLATED')) return matches.map((m) => m.message).join('; ');
    return [...new Set(matches.map((m) => fieldProblemText(m, p.code, t)))].join('; ');
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
        {showsDetail(p, i18n.language) && <Text size="sm">{p.detail}</Text>}
        {rest.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
            {rest.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                <Text size="sm" span>
                  <Code>{t(`field.${e.field.replace(/\[\d+\]/g, '')}`, { defaultValue: e.field })}</Code> {fieldProblemText(e, p.code, t)}
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
