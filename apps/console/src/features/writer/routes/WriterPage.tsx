import { Alert, Button, Card, Grid, Group, Stack, Stepper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '@/components/Page';
import { ProblemAlert } from '@/components/problem';
import { Completeness } from '../components/Completeness';
import { CountryRequirements } from '../components/CountryRequirements';
import { LeaveGuard } from '../components/LeaveGuard';
import { useWriter } from '../hooks/useWriter';
import { FactsStep, OffenceStep } from '../steps/ContentSteps';
import { IdentifiersStep } from '../steps/IdentifiersStep';
import { RouteStep } from '../steps/RouteStep';
import { SHOWN_FIELDS, stepOf } from '../validation';
import { STEP_KEYS } from '../writer-values';

/**
 * The request writer: step by step (type and route, offence, facts and measures, identifiers,
 * review), saved as a draft at every step (POST, then PATCH with If-Match), with the submit
 * check shown live on the fields.
 */
export function WriterPage() {
  const { t } = useTranslation('writer');
  const w = useWriter();
  const { id, fromId, step, draft, source, current, save, submit, saved, missing, country, values } = w;

  if (id && draft.isPending) return <Text>{t('common:loading')}</Text>;
  if (id && draft.data && draft.data.state !== 'DRAFT') return <Alert color="yellow">{t('notEditable')}</Alert>;
  // A failed background refetch keeps the form (and what is typed in it); only a draft that never loaded shows the problem.
  if (id && draft.error && !draft.data) return <ProblemAlert problem={draft.error} />;

  const title = id && current ? t('titleEdit', { reference: current.reference }) : fromId && source.data ? t('titleFollowUp', { reference: source.data.reference }) : t('titleNew');
  const stepTitle = (field: string) => t(`steps.${STEP_KEYS[stepOf(field)]}`);
  const detailLabels = Object.fromEntries((country.data?.requiredDetails ?? []).map((d) => [`details.${d.key}`, d.label[w.lang]]));

  return (
    <Page title={title} subtitle={t('subtitle')}>
      <LeaveGuard w={w} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (step < STEP_KEYS.length - 1) w.persist(() => id && w.goTo(step + 1));
                else w.doSubmit();
              }}
              noValidate
              aria-label={title}
            >
              <Stack>
                <Stepper active={step} onStepClick={(n) => (current ? w.goTo(n) : undefined)} size="sm" allowNextStepsSelect={Boolean(current)}>
                  {STEP_KEYS.map((k) => (
                    <Stepper.Step key={k} label={t(`steps.${k}`)} description={t(`steps.${k}Help`)} />
                  ))}
                </Stepper>

                {step === 0 && <RouteStep w={w} />}
                {step === 1 && <OffenceStep w={w} />}
                {step === 2 && <FactsStep w={w} />}
                {step === 3 && <IdentifiersStep w={w} />}
                {step === 4 && (
                  <Stack>
                    <Completeness missing={missing} stepTitle={stepTitle} onGo={(f) => w.goTo(stepOf(f))} labels={detailLabels} />
                    {current && (
                      <Alert color={missing.includes('attachments') ? 'orange' : 'blue'}>
                        <Text size="sm">{missing.includes('attachments') ? t('attachTranslation', { country: w.countryName }) : t('attachHelp')}</Text>
                        <Button component={Link} to={`/requests/${current.id}#documents`} variant="light" size="xs" mt="xs">
                          {t('openDocuments')}
                        </Button>
                      </Alert>
                    )}
                  </Stack>
                )}

                <ProblemAlert problem={save.error ?? submit.error} onReload={() => void w.reload()} shownFields={SHOWN_FIELDS} />
                {saved && !save.isPending && !save.error && (
                  <Text size="sm" c="teal.9" role="status">
                    {t('saved', { reference: saved.reference, version: saved.version })}
                  </Text>
                )}
                <Group justify="space-between">
                  <Button variant="default" disabled={step === 0} onClick={() => w.goTo(step - 1)}>
                    {t('back')}
                  </Button>
                  <Group>
                    {step < STEP_KEYS.length - 1 ? (
                      <Button type="submit" loading={save.isPending} disabled={step === 0 && !w.routeReady}>
                        {t('next')}
                      </Button>
                    ) : (
                      <>
                        <Button variant="default" onClick={() => w.persist()} loading={save.isPending}>
                          {t('saveDraft')}
                        </Button>
                        <Button type="submit" loading={submit.isPending} disabled={!current}>
                          {t('submit')}
                        </Button>
                      </>
                    )}
                  </Group>
                </Group>
              </Stack>
            </form>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            {step < 4 && <Completeness missing={missing} stepTitle={stepTitle} onGo={(f) => current && w.goTo(stepOf(f))} labels={detailLabels} />}
            {country.data && <CountryRequirements country={country.data} type={values.type} legalBasis={values.legalBasis} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
