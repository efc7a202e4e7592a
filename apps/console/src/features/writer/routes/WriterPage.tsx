import { Alert, Button, Card, Checkbox, Grid, Group, Select, Stack, Stepper, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Page } from '@/components/Page';
import { ProblemAlert, useProblemText } from '@/components/problem';
import { ApiProblem, type RequestDto, type Schemas } from '@/lib/api/client';
import { useAuthorities, useCountry, useMe, useRequest } from '@/lib/api/hooks';
import { viewerTimeZone } from '@/lib/format';
import { useSaveDraft, useSubmitDraft } from '../api/drafts';
import { useDraftDocuments } from '../api/countries';
import { Completeness } from '../components/Completeness';
import { CountryRequirements, notAccepted } from '../components/CountryRequirements';
import { IdentifierInput } from '../components/IdentifierInput';
import { countryMissing, detailsFor, missingForSubmit, splitObservedAt, stepOf, toDraftBody, type IdentifierValues, type WriterValues } from '../validation';

const TYPES = ['PRESERVATION', 'SUBSCRIBER_INFO', 'TRAFFIC_DATA', 'CONTENT_DATA', 'SEIZED_DEVICE', 'WITNESS_STATEMENT', 'OTHER'] as const;
const BASES = ['ASEAN_MLAT_2004', 'BUDAPEST_CONVENTION', 'BUDAPEST_SECOND_PROTOCOL', 'UN_CYBERCRIME_CONVENTION', 'BILATERAL_TREATY', 'RECIPROCITY'];
const CHANNELS = ['CENTRAL_AUTHORITY', 'NETWORK_24_7', 'DIRECT'];
const PRIORITIES = ['ROUTINE', 'URGENT', 'EMERGENCY'];
const STEP_KEYS = ['route', 'offence', 'facts', 'identifiers', 'review'] as const;
/** Languages a request may be written in (ISO 639-1; the API takes any). */
const LANGUAGES = ['vi', 'en', 'th', 'id', 'ms', 'km', 'lo', 'my', 'tl', 'zh', 'ko', 'ja', 'fr'];

function emptyValues(zone: string, language: string): WriterValues {
  return {
    type: 'PRESERVATION',
    requestedCountry: '',
    requestedAuthorityId: '',
    // ASEAN first: the treaty every ASEAN member accepts
    legalBasis: 'ASEAN_MLAT_2004',
    treatyName: '',
    channel: 'CENTRAL_AUTHORITY',
    priority: 'ROUTINE',
    confidential: false,
    neededBy: '',
    relatedRequestId: '',
    title: '',
    offenceDescription: '',
    offenceProvision: '',
    facts: '',
    measures: [{ value: '' }],
    identifiers: [{ kind: 'IP_ADDRESS', value: '', observedLocal: '', observedZone: zone }],
    language,
    details: {},
  };
}

function fromRequest(r: RequestDto, zones: string[]): WriterValues {
  return {
    type: r.type,
    requestedCountry: r.requestedAuthority.country,
    requestedAuthorityId: r.requestedAuthority.id,
    legalBasis: r.legalBasis,
    treatyName: r.treatyName ?? '',
    channel: r.channel,
    priority: r.priority,
    confidential: r.confidential,
    neededBy: r.neededBy ?? '',
    relatedRequestId: r.relatedRequestId ?? '',
    title: r.title ?? '',
    offenceDescription: r.offence?.description ?? '',
    offenceProvision: r.offence?.provision ?? '',
    facts: r.facts ?? '',
    measures: r.measures.length > 0 ? r.measures.map((value) => ({ value })) : [{ value: '' }],
    identifiers:
      r.identifiers.length > 0
        ? r.identifiers.map((i) => ({ kind: i.kind, value: i.value, ...splitObservedAt(i.observedAt, zones) }))
        : r.type === 'WITNESS_STATEMENT'
          ? []
          : [{ kind: 'IP_ADDRESS', value: '', observedLocal: '', observedZone: zones[0] ?? 'UTC' }],
    language: r.language,
    details: { ...r.details },
  };
}

/**
 * The request writer: step by step (type and route, offence, facts and measures, identifiers,
 * review), saved as a draft at every step (POST, then PATCH with If-Match), with the submit
 * check shown live on the fields.
 */
export function WriterPage() {
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const fromId = params.get('from') ?? undefined;
  const step = Math.min(Math.max(Number(params.get('step') ?? 0) || 0, 0), STEP_KEYS.length - 1);
  const { t, i18n } = useTranslation('writer');
  const { forField } = useProblemText();
  const navigate = useNavigate();
  const me = useMe();
  const authorities = useAuthorities();
  const draft = useRequest(id, { poll: false });
  const source = useRequest(id ? undefined : fromId, { poll: false });
  const save = useSaveDraft();
  const submit = useSubmitDraft();
  const [saved, setSaved] = useState<RequestDto | null>(null);
  const [visited, setVisited] = useState<number>(step);
  const [attempted, setAttempted] = useState(false);
  const myZone = me.data?.authority?.timezone ?? viewerTimeZone();
  const myLanguage = (me.data?.authority?.language ?? 'en').slice(0, 2);
  const form = useForm<WriterValues>({ defaultValues: emptyValues(myZone, myLanguage) });
  const measures = useFieldArray({ control: form.control, name: 'measures' });
  const identifiers = useFieldArray({ control: form.control, name: 'identifiers' });
  const initialised = useRef<string | null>(null);
  const current: RequestDto | null = saved ?? draft.data ?? null;

  // Load the draft (or the preservation a follow-up continues) into the form once.
  useEffect(() => {
    const zones = [myZone];
    if (id && draft.data && initialised.current !== draft.data.id) {
      initialised.current = draft.data.id;
      form.reset(fromRequest(draft.data, zones));
    } else if (!id && fromId && source.data && initialised.current !== `from:${source.data.id}`) {
      initialised.current = `from:${source.data.id}`;
      const p = source.data;
      form.reset({
        ...fromRequest(p, zones),
        type: 'SUBSCRIBER_INFO',
        relatedRequestId: p.id,
        title: t('followUpTitle', { reference: p.reference, title: p.title ?? '' }),
        measures: [{ value: t('followUpMeasure', { reference: p.reference }) }],
      });
    }
  }, [id, draft.data, fromId, source.data]);

  const values = form.watch();
  const country = useCountry(values.requestedCountry || undefined);
  const documents = useDraftDocuments(current?.id);
  const missing = useMemo(
    () => [...missingForSubmit(values), ...countryMissing(values, country.data, documents.data?.items ?? [])],
    [JSON.stringify(values), country.data, documents.data],
  );
  const problem = (save.error ?? submit.error) instanceof ApiProblem ? ((save.error ?? submit.error) as ApiProblem) : null;

  const countries = useMemo(() => {
    const mine = me.data?.authority?.country;
    return [...new Set((authorities.data ?? []).map((a) => a.country))].filter((c) => c !== mine).sort();
  }, [authorities.data, me.data]);
  const countryName = country.data?.name ?? values.requestedCountry;
  const lang = i18n.language === 'vi' ? 'vi' : 'en';
  const requiredDetails = detailsFor(country.data, values.type, values.legalBasis);
  const languageNotAccepted = Boolean(country.data?.languages?.length) && !country.data?.languages?.includes(values.language);
  const authorityOptions = (authorities.data ?? [])
    .filter((a) => a.country === values.requestedCountry && a.kind !== 'PROSECUTION_OFFICE')
    .map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }));

  /** A field's message: the server's problem, else (once its step was passed or submit tried) the live check. */
  const errorOf = (field: string): string | undefined => {
    const server = forField(problem, field);
    if (server) return server;
    if (missing.includes(field) && (attempted || stepOf(field) < visited)) return t('needed');
    return undefined;
  };
  const identifierErrors = (i: number) => ({
    observedAt: errorOf(`identifiers[${i}].observedAt`),
    value: forField(problem, `identifiers[${i}].value`) ?? forField(problem, `identifiers[${i}]`),
  });

  const goTo = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('step', String(n));
    setParams(next, { replace: true });
    setVisited((v) => Math.max(v, n));
  };

  const routeReady = Boolean(values.type && values.legalBasis && values.requestedAuthorityId);

  /** Saves the draft; a new one gets its own address (the writer continues there). */
  const persist = async (then?: (r: RequestDto) => void) => {
    if (!routeReady) {
      setVisited((v) => Math.max(v, 1));
      return;
    }
    const body = toDraftBody(form.getValues()) as unknown as Schemas['CreateRequestDto'];
    save.mutate(
      { current, body },
      {
        onSuccess: (r) => {
          setSaved(r);
          if (!id) navigate(`/requests/${r.id}/edit?step=${Math.min(step + 1, STEP_KEYS.length - 1)}`, { replace: true });
          then?.(r);
        },
      },
    );
  };

  const doSubmit = () => {
    setAttempted(true);
    if (missing.length > 0) return;
    void persist((r) => submit.mutate(r, { onSuccess: (s) => navigate(`/requests/${s.id}`) }));
  };

  const reload = async () => {
    save.reset();
    submit.reset();
    setSaved(null);
    const fresh = await draft.refetch();
    if (fresh.data) form.reset(fromRequest(fresh.data, [myZone]));
  };

  if (id && draft.isPending) return <Text>{t('common:loading')}</Text>;
  if (id && draft.data && draft.data.state !== 'DRAFT') return <Alert color="yellow">{t('notEditable')}</Alert>;
  if (id && draft.error) return <ProblemAlert problem={draft.error} />;

  const title = id && current ? t('titleEdit', { reference: current.reference }) : fromId && source.data ? t('titleFollowUp', { reference: source.data.reference }) : t('titleNew');
  const stepTitle = (field: string) => t(`steps.${STEP_KEYS[stepOf(field)]}`);
  const detailLabels = Object.fromEntries((country.data?.requiredDetails ?? []).map((d) => [`details.${d.key}`, d.label[lang]]));

  return (
    <Page title={title} subtitle={t('subtitle')}>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (step < STEP_KEYS.length - 1) void persist(() => id && goTo(step + 1));
                else doSubmit();
              }}
              noValidate
              aria-label={title}
            >
              <Stack>
                <Stepper active={step} onStepClick={(n) => (current ? goTo(n) : undefined)} size="sm" allowNextStepsSelect={Boolean(current)}>
                  {STEP_KEYS.map((k) => (
                    <Stepper.Step key={k} label={t(`steps.${k}`)} description={t(`steps.${k}Help`)} />
                  ))}
                </Stepper>

                {step === 0 && (
                  <Stack>
                    {values.relatedRequestId && source.data && <Alert color="blue">{t('relatedHelp', { reference: source.data.reference })}</Alert>}
                    <Controller
                      control={form.control}
                      name="type"
                      render={({ field }) => (
                        <Select
                          label={t('common:field.type')}
                          required
                          data={TYPES.map((v) => ({ value: v, label: t(`common:type.${v}`) }))}
                          value={field.value}
                          onChange={(v) => field.onChange(v ?? 'PRESERVATION')}
                          allowDeselect={false}
                        />
                      )}
                    />
                    <Group grow align="flex-start">
                      <Controller
                        control={form.control}
                        name="requestedCountry"
                        render={({ field }) => (
                          <Select
                            label={t('common:field.requestedCountry')}
                            required
                            data={countries}
                            value={field.value || null}
                            onChange={(v) => {
                              field.onChange(v ?? '');
                              form.setValue('requestedAuthorityId', '');
                            }}
                            error={!values.requestedCountry && visited > 0 ? t('needed') : undefined}
                          />
                        )}
                      />
                      <Controller
                        control={form.control}
                        name="requestedAuthorityId"
                        render={({ field }) => (
                          <Select
                            label={t('common:field.requestedAuthorityId')}
                            required
                            disabled={!values.requestedCountry}
                            placeholder={values.requestedCountry ? undefined : t('chooseCountryFirst')}
                            data={authorityOptions}
                            value={field.value || null}
                            onChange={(v) => field.onChange(v ?? '')}
                            error={forField(problem, 'requestedAuthorityId') ?? (!values.requestedAuthorityId && visited > 0 ? t('needed') : undefined)}
                          />
                        )}
                      />
                    </Group>
                    <Controller
                      control={form.control}
                      name="legalBasis"
                      render={({ field }) => (
                        <Select
                          label={t('common:field.legalBasis')}
                          required
                          data={BASES.map((v) => ({ value: v, label: t(`common:legalBasis.${v}`) }))}
                          value={field.value}
                          onChange={(v) => field.onChange(v ?? 'ASEAN_MLAT_2004')}
                          allowDeselect={false}
                          description={notAccepted(country.data?.legalBases, field.value) ? t('requirements.basisNotAccepted', { country: countryName }) : undefined}
                        />
                      )}
                    />
                    <Controller
                      control={form.control}
                      name="language"
                      render={({ field }) => (
                        <Select
                          label={t('language')}
                          required
                          data={LANGUAGES.map((l) => ({ value: l, label: t(`common:languages.${l}`, { defaultValue: l }) }))}
                          value={field.value}
                          onChange={(v) => field.onChange(v ?? myLanguage)}
                          allowDeselect={false}
                          description={
                            languageNotAccepted
                              ? t(country.data?.translationRequired ? 'requirements.languageNeedsTranslation' : 'requirements.languageNotAccepted', {
                                  country: countryName,
                                  languages: (country.data?.languages ?? []).map((l) => t(`common:languages.${l}`, { defaultValue: l })).join(', '),
                                })
                              : undefined
                          }
                          error={errorOf('language') ?? forField(problem, 'language')}
                        />
                      )}
                    />
                    {values.legalBasis === 'BILATERAL_TREATY' && (
                      <TextInput label={t('common:field.treatyName')} description={t('treatyHelp')} required {...form.register('treatyName')} error={errorOf('treatyName')} />
                    )}
                    <Group grow align="flex-start">
                      <Controller
                        control={form.control}
                        name="channel"
                        render={({ field }) => (
                          <Select
                            label={t('common:field.channel')}
                            data={CHANNELS.map((v) => ({ value: v, label: t(`common:channel.${v}`) }))}
                            value={field.value}
                            onChange={(v) => field.onChange(v ?? 'CENTRAL_AUTHORITY')}
                            allowDeselect={false}
                            description={notAccepted(country.data?.channels, field.value) ? t('requirements.channelNotAccepted', { country: countryName }) : undefined}
                          />
                        )}
                      />
                      <Controller
                        control={form.control}
                        name="priority"
                        render={({ field }) => (
                          <Select
                            label={t('common:field.priority')}
                            data={PRIORITIES.map((v) => ({ value: v, label: t(`common:priority.${v}`) }))}
                            value={field.value}
                            onChange={(v) => field.onChange(v ?? 'ROUTINE')}
                            allowDeselect={false}
                          />
                        )}
                      />
                    </Group>
                    <Group grow align="flex-start">
                      <TextInput type="date" label={t('common:field.neededBy')} {...form.register('neededBy')} error={forField(problem, 'neededBy')} />
                      <Checkbox mt="lg" label={t('common:field.confidential')} description={t('confidentialHelp')} {...form.register('confidential')} />
                    </Group>
                  </Stack>
                )}

                {step === 1 && (
                  <Stack>
                    <TextInput label={t('common:field.title')} required {...form.register('title')} error={errorOf('title')} />
                    <Textarea label={t('common:field.offence.description')} required autosize minRows={3} {...form.register('offenceDescription')} error={errorOf('offence.description')} />
                    <TextInput label={t('common:field.offence.provision')} required {...form.register('offenceProvision')} error={errorOf('offence.provision')} />
                  </Stack>
                )}

                {step === 2 && (
                  <Stack>
                    <Textarea label={t('common:field.facts')} required autosize minRows={5} {...form.register('facts')} error={errorOf('facts')} />
                    <Stack gap="xs" role="group" aria-label={t('common:field.measures')}>
                      <Text fw={500} size="sm">
                        {t('common:field.measures')}
                      </Text>
                      {measures.fields.map((m, i) => (
                        <Group key={m.id} align="flex-start" wrap="nowrap">
                          <TextInput style={{ flex: 1 }} label={t('measure', { n: i + 1 })} {...form.register(`measures.${i}.value`)} error={i === 0 ? errorOf('measures') : undefined} />
                          <Button mt={24} variant="subtle" color="red" onClick={() => measures.remove(i)} disabled={measures.fields.length === 1}>
                            {t('removeMeasure', { n: i + 1 })}
                          </Button>
                        </Group>
                      ))}
                      <Group>
                        <Button variant="default" size="xs" onClick={() => measures.append({ value: '' })}>
                          {t('addMeasure')}
                        </Button>
                      </Group>
                    </Stack>
                    {requiredDetails.length > 0 && (
                      <Stack gap="xs" role="group" aria-label={t('requirements.detailsFor', { country: countryName })}>
                        <Text fw={500} size="sm">
                          {t('requirements.detailsFor', { country: countryName })}
                        </Text>
                        {requiredDetails.map((d) => (
                          <Textarea
                            key={d.key}
                            label={d.label[lang]}
                            description={t('requirements.source', { source: d.source })}
                            required
                            autosize
                            minRows={2}
                            {...form.register(`details.${d.key}` as const)}
                            error={errorOf(`details.${d.key}`)}
                          />
                        ))}
                      </Stack>
                    )}
                  </Stack>
                )}

                {step === 3 && (
                  <Stack>
                    {identifiers.fields.length === 0 && <Text c="dimmed">{t('noIdentifiers')}</Text>}
                    {errorOf('identifiers') && (
                      <Text c="red" size="sm" role="alert">
                        {t('common:field.identifiers')}: {errorOf('identifiers')}
                      </Text>
                    )}
                    {identifiers.fields.map((f, i) => (
                      <Controller
                        key={f.id}
                        control={form.control}
                        name={`identifiers.${i}` as const}
                        render={({ field }) => (
                          <IdentifierInput
                            index={i}
                            value={field.value as IdentifierValues}
                            onChange={field.onChange}
                            onRemove={() => identifiers.remove(i)}
                            errors={identifierErrors(i)}
                          />
                        )}
                      />
                    ))}
                    <Group>
                      <Button variant="default" size="xs" onClick={() => identifiers.append({ kind: 'IP_ADDRESS', value: '', observedLocal: '', observedZone: myZone })}>
                        {t('addIdentifier')}
                      </Button>
                    </Group>
                  </Stack>
                )}

                {step === 4 && (
                  <Stack>
                    <Completeness missing={missing} stepTitle={stepTitle} onGo={(f) => goTo(stepOf(f))} labels={detailLabels} />
                    {current && (
                      <Alert color={missing.includes('attachments') ? 'orange' : 'blue'}>
                        <Text size="sm">{missing.includes('attachments') ? t('attachTranslation', { country: countryName }) : t('attachHelp')}</Text>
                        <Button component={Link} to={`/requests/${current.id}#documents`} variant="light" size="xs" mt="xs">
                          {t('openDocuments')}
                        </Button>
                      </Alert>
                    )}
                  </Stack>
                )}

                <ProblemAlert problem={save.error ?? submit.error} onReload={() => void reload()} shownFields={['title', 'offence', 'facts', 'measures', 'identifiers', 'treatyName', 'requestedAuthorityId', 'neededBy', 'language', 'details']} />
                {saved && !save.isPending && !save.error && (
                  <Text size="sm" c="teal.9" role="status">
                    {t('saved', { reference: saved.reference, version: saved.version })}
                  </Text>
                )}
                <Group justify="space-between">
                  <Button variant="default" disabled={step === 0} onClick={() => goTo(step - 1)}>
                    {t('back')}
                  </Button>
                  <Group>
                    {step < STEP_KEYS.length - 1 ? (
                      <Button type="submit" loading={save.isPending} disabled={step === 0 && !routeReady}>
                        {t('next')}
                      </Button>
                    ) : (
                      <>
                        <Button variant="default" onClick={() => void persist()} loading={save.isPending}>
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
            {step < 4 && <Completeness missing={missing} stepTitle={stepTitle} onGo={(f) => current && goTo(stepOf(f))} labels={detailLabels} />}
            {country.data && <CountryRequirements country={country.data} type={values.type} legalBasis={values.legalBasis} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
