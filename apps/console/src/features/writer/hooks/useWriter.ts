import { useEffect, useMemo, useRef, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useProblemText } from '@/components/problem';
import { ApiProblem, type RequestDto, type Schemas } from '@/lib/api/client';
import { useAuthorities, useCountry, useMe, useRequest } from '@/lib/api/hooks';
import { viewerTimeZone } from '@/lib/format';
import { useSaveDraft, useSubmitDraft } from '../api/drafts';
import { followUpLanguage, followUpTexts } from '../follow-up';
import { countryMissing, detailsFor, emptyValues, fromRequest, missingForSubmit, stepOf, toDraftBody, type WriterValues } from '../validation';
import { liveMissing, STEP_KEYS } from '../writer-values';

/**
 * The writer's state: the form, the draft it edits (or the preservation a follow-up
 * continues), the step in the address, the submit check live on the values, saving at every
 * step (POST, then PATCH with If-Match) and submitting.
 */
export function useWriter() {
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
  const sourceCountry = useCountry(source.data?.requestedAuthority.country);
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
  /** The follow-up's pre-filled texts, while the officer has not changed them: they follow its language. */
  const prefilled = useRef<{ language: string; title: string; measure: string } | null>(null);
  const current: RequestDto | null = saved ?? draft.data ?? null;
  // What was last saved (or loaded), as the draft's body: typing since then is unsaved (the leave guard asks first).
  const baseline = useRef<string>(JSON.stringify(toDraftBody(form.getValues())));
  // The writer's own moves after a save (to the draft's new address, to the submitted request) are never "leaving".
  const ownMove = useRef(false);
  const hasUnsaved = () => !ownMove.current && JSON.stringify(toDraftBody(form.getValues())) !== baseline.current;
  useEffect(() => {
    ownMove.current = false;
  }, [id]);

  // Load the draft (or the preservation a follow-up continues) into the form once.
  useEffect(() => {
    const zones = [myZone];
    if (id && draft.data && initialised.current !== draft.data.id) {
      initialised.current = draft.data.id;
      form.reset(fromRequest(draft.data, zones));
      baseline.current = JSON.stringify(toDraftBody(form.getValues()));
    } else if (!id && fromId && source.data && (sourceCountry.data || sourceCountry.isError) && initialised.current !== `from:${source.data.id}`) {
      initialised.current = `from:${source.data.id}`;
      const p = source.data;
      // written in the follow-up's language (the requested country's), not the console's
      const language = followUpLanguage(p.language, sourceCountry.data?.languages);
      const texts = followUpTexts(i18n.getFixedT(language, 'writer'), p);
      prefilled.current = { language, ...texts };
      form.reset({
        ...fromRequest(p, zones),
        language,
        type: 'SUBSCRIBER_INFO',
        relatedRequestId: p.id,
        title: texts.title,
        measures: [{ value: texts.measure }],
      });
    }
  }, [id, draft.data, fromId, source.data, sourceCountry.data, sourceCountry.isError]);

  // The follow-up's language changed while its pre-filled texts are untouched: they are written again in it.
  const language = form.watch('language');
  useEffect(() => {
    const before = prefilled.current;
    const now = form.getValues('language');
    if (id || !before || !source.data || !now || now === before.language) return;
    const texts = followUpTexts(i18n.getFixedT(now, 'writer'), source.data);
    const { title, measures: typed } = form.getValues();
    if (title === before.title) form.setValue('title', texts.title);
    if (typed[0]?.value === before.measure) measures.update(0, { value: texts.measure });
    prefilled.current = { language: now, title: title === before.title ? texts.title : '', measure: typed[0]?.value === before.measure ? texts.measure : '' };
  }, [language]);

  const values = form.watch();
  const country = useCountry(values.requestedCountry || undefined);
  const missing = useMemo(
    () => liveMissing([...missingForSubmit(values), ...countryMissing(values, country.data, [])], current),
    [JSON.stringify(values), country.data, current],
  );
  const problem = (save.error ?? submit.error) instanceof ApiProblem ? ((save.error ?? submit.error) as ApiProblem) : null;

  const countries = useMemo(() => {
    const mine = me.data?.authority?.country;
    return [...new Set((authorities.data ?? []).map((a) => a.country))].filter((c) => c !== mine).sort();
  }, [authorities.data, me.data]);
  const lang: 'en' | 'vi' = i18n.language === 'vi' ? 'vi' : 'en';
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

  const goTo = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('step', String(n));
    setParams(next, { replace: true });
    setVisited((v) => Math.max(v, n));
  };

  const routeReady = Boolean(values.type && values.legalBasis && values.requestedAuthorityId);

  /** Saves the draft; a new one gets its own address (the writer continues there). */
  const persist = (then?: (r: RequestDto) => void) => {
    if (!routeReady) {
      setVisited((v) => Math.max(v, 1));
      return;
    }
    const body = toDraftBody(form.getValues()) as unknown as Schemas['CreateRequestDto'];
    save.mutate(
      { current, body },
      {
        onSuccess: (r) => {
          baseline.current = JSON.stringify(body);
          setSaved(r);
          if (!id) {
            ownMove.current = true;
            navigate(`/requests/${r.id}/edit?step=${Math.min(step + 1, STEP_KEYS.length - 1)}`, { replace: true });
          }
          then?.(r);
        },
      },
    );
  };

  const doSubmit = () => {
    setAttempted(true);
    if (missing.length > 0) return;
    persist((r) =>
      submit.mutate(r, {
        onSuccess: (s) => {
          ownMove.current = true;
          navigate(`/requests/${s.id}`);
        },
      }),
    );
  };

  const reload = async () => {
    save.reset();
    submit.reset();
    setSaved(null);
    const fresh = await draft.refetch();
    if (fresh.data) {
      form.reset(fromRequest(fresh.data, [myZone]));
      baseline.current = JSON.stringify(toDraftBody(form.getValues()));
    }
  };

  return {
    id,
    fromId,
    step,
    visited,
    form,
    values,
    measures,
    identifiers,
    draft,
    source,
    save,
    submit,
    saved,
    current,
    country,
    countries,
    countryName: country.data?.name ?? values.requestedCountry,
    requiredDetails: detailsFor(country.data, values.type, values.legalBasis),
    authorityOptions,
    authorities: authorities.data ?? [],
    myCountry: me.data?.authority?.country,
    missing,
    problem,
    lang,
    myZone,
    myLanguage,
    routeReady,
    errorOf,
    serverError: (field: string) => forField(problem, field),
    goTo,
    persist,
    doSubmit,
    reload,
    hasUnsaved,
  };
}

export type Writer = ReturnType<typeof useWriter>;
