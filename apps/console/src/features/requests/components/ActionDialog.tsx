import { Anchor, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert, useProblemText } from '@/components/problem';
import { ApiProblem, idempotencyKey, type RequestAction, type RequestDto } from '@/lib/api/client';
import { addDays, formatDate, isoDateInZone } from '@/lib/format';
import { useEvents, useTransition, type TransitionBody } from '../api/requests';
import { EvidenceDelivery } from './EvidenceDelivery';

export const REFUSAL_GROUNDS = [
  'DUAL_CRIMINALITY',
  'POLITICAL_OFFENCE',
  'MILITARY_OFFENCE',
  'DOUBLE_JEOPARDY',
  'SOVEREIGNTY_SECURITY_PUBLIC_ORDER',
  'DISCRIMINATION',
  'INSUFFICIENT_INFORMATION',
  'DATA_NO_LONGER_AVAILABLE',
  'OTHER',
] as const;

/** The preservation policy's window (DESIGN §5): 60–90 days at confirmation, +30 days per extension. */
export const PRESERVATION = { minimumDays: 60, maximumDays: 90, extensionDays: 30, maxExtensions: 3 };

/** Which inputs each action takes (the API's TransitionDto), and which of them are required. */
const INPUTS: Partial<Record<RequestAction, { field: keyof TransitionBody; required: boolean; kind: 'text' | 'long' | 'date' }[]>> = {
  return: [{ field: 'reason', required: true, kind: 'long' }],
  acknowledge: [{ field: 'note', required: false, kind: 'long' }],
  confirm_preservation: [
    { field: 'preservedUntil', required: true, kind: 'date' },
    { field: 'note', required: false, kind: 'long' },
  ],
  extend_preservation: [
    { field: 'preservedUntil', required: true, kind: 'date' },
    { field: 'note', required: false, kind: 'long' },
  ],
  start_execution: [
    { field: 'executingBody', required: false, kind: 'text' },
    { field: 'note', required: false, kind: 'long' },
  ],
  report_delay: [
    { field: 'reason', required: true, kind: 'long' },
    { field: 'expectedBy', required: true, kind: 'date' },
  ],
  request_info: [{ field: 'message', required: true, kind: 'long' }],
  provide_info: [{ field: 'message', required: true, kind: 'long' }],
  close: [{ field: 'outcome', required: true, kind: 'long' }],
  refuse: [{ field: 'text', required: true, kind: 'long' }],
  withdraw: [{ field: 'reason', required: true, kind: 'long' }],
};

/** The date bounds of a date input of an action, in the zone of the authority acting. */
function dateBounds(action: RequestAction, field: string, request: RequestDto, zone: string): { min?: string; max?: string } {
  const today = isoDateInZone(zone);
  if (action === 'confirm_preservation' && field === 'preservedUntil') {
    return { min: addDays(today, PRESERVATION.minimumDays), max: addDays(today, PRESERVATION.maximumDays) };
  }
  if (action === 'extend_preservation' && field === 'preservedUntil' && request.preservedUntil) {
    const current = isoDateInZone(zone, 0, new Date(request.preservedUntil));
    return { min: addDays(current, 1), max: addDays(current, PRESERVATION.extensionDays) };
  }
  if (action === 'report_delay' && field === 'expectedBy') return { min: today };
  return {};
}

/** One action of `allowedActions`: a dialog with its inputs, sent with the version the user saw. */
export function ActionDialog({ action, request, zone, onClose, onReload, onDone }: { action: RequestAction; request: RequestDto; zone: string; onClose: () => void; onReload: () => void; onDone?: (a: RequestAction) => void }) {
  const { t, i18n } = useTranslation('requests');
  const { forField } = useProblemText();
  const transition = useTransition(request);
  const [key] = useState(idempotencyKey);
  const [values, setValues] = useState<Record<string, string>>({});
  const [ground, setGround] = useState<string | null>(null);
  const [followUp, setFollowUp] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const inputs = INPUTS[action] ?? [];
  const label = t(`common:action.${action}`);

  if (action === 'deliver_evidence') {
    return <EvidenceDelivery request={request} onClose={onClose} onReload={onReload} onDone={() => onDone?.(action)} />;
  }

  const missing = inputs.filter((i) => i.required && !(values[i.field as string] ?? '').trim()).map((i) => i.field as string);
  if (action === 'refuse' && !ground) missing.push('ground');
  const problem = transition.error instanceof ApiProblem ? transition.error : null;
  const errorOf = (field: string) =>
    forField(problem, field) ?? (touched && missing.includes(field) ? t('common:problem.field.REQUEST_INCOMPLETE') : undefined);

  const submit = () => {
    setTouched(true);
    if (missing.length > 0) return;
    const body: Record<string, unknown> = {};
    for (const i of inputs) {
      const v = (values[i.field as string] ?? '').trim();
      if (v) body[i.field as string] = v;
    }
    if (action === 'refuse') body.ground = ground;
    if (action === 'close' && followUp) body.followUpRequestId = followUp;
    transition.mutate({ action, body: body as TransitionBody, key }, { onSuccess: () => { onDone?.(action); onClose(); } });
  };

  return (
    <FormDialog
      opened
      onClose={onClose}
      title={label}
      submitLabel={label}
      submitting={transition.isPending}
      onSubmit={submit}
      danger={action === 'refuse' || action === 'withdraw'}
    >
      {inputs.length === 0 && action !== 'refuse' && <Text>{t('dialog.noInput')}</Text>}
      {action === 'extend_preservation' && (
        <Text size="sm">{t('page.extensions', { count: request.preservationExtensions ?? 0 })}</Text>
      )}
      {action === 'refuse' && (
        <Select
          label={t('common:field.ground')}
          required
          data={REFUSAL_GROUNDS.map((g) => ({ value: g, label: t(`common:refusalGround.${g}`) }))}
          value={ground}
          onChange={setGround}
          error={errorOf('ground')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {inputs.map((i) => {
        const field = i.field as string;
        const common = {
          label: t(`common:field.${field}`),
          required: i.required,
          error: errorOf(field),
        };
        if (i.kind === 'date') {
          const bounds = dateBounds(action, field, request, zone);
          const description =
            action === 'confirm_preservation'
              ? t('dialog.preservationWindow', { from: formatDate(bounds.min, i18n.language), to: formatDate(bounds.max, i18n.language), zone })
              : action === 'extend_preservation'
                ? t('dialog.extensionWindow', { from: formatDate(request.preservedUntil, i18n.language, zone), to: formatDate(bounds.max, i18n.language) })
                : t('dialog.expectedHelp');
          return (
            <DateInput
              key={field}
              {...common}
              description={description}
              placeholder={t('dialog.dateFormat')}
              valueFormat="YYYY-MM-DD"
              minDate={bounds.min}
              maxDate={bounds.max}
              defaultDate={bounds.min}
              value={values[field] || null}
              onChange={(v) => setValues((s) => ({ ...s, [field]: v ?? '' }))}
              popoverProps={{ withinPortal: true }}
              clearable
              clearButtonProps={{ 'aria-label': t('common:clear') }}
            />
          );
        }
        if (i.kind === 'text') {
          return <TextInput key={field} {...common} value={values[field] ?? ''} onChange={(e) => setValues((s) => ({ ...s, [field]: e.currentTarget.value }))} />;
        }
        return (
          <Textarea
            key={field}
            {...common}
            autosize
            minRows={3}
            value={values[field] ?? ''}
            onChange={(e) => setValues((s) => ({ ...s, [field]: e.currentTarget.value }))}
          />
        );
      })}
      {action === 'close' && request.state === 'PRESERVED' && <FollowUpChoice request={request} value={followUp} onChange={setFollowUp} error={forField(problem, 'followUpRequestId')} />}
      <ProblemAlert problem={transition.error} onReload={() => { onReload(); onClose(); }} shownFields={[...inputs.map((i) => i.field as string), 'ground', 'followUpRequestId']} />
    </FormDialog>
  );
}

/** Closing a PRESERVED request: the follow-up request that continues it (from its history), or a link to write one. */
function FollowUpChoice({ request, value, onChange, error }: { request: RequestDto; value: string | null; onChange: (v: string | null) => void; error?: string }) {
  const { t } = useTranslation('requests');
  const events = useEvents(request.id);
  const options = useMemo(() => {
    const seen = new Map<string, string>();
    for (const e of events.data?.items ?? []) {
      const input = (e.input ?? {}) as { followUpRequestId?: string; followUpReference?: string };
      if (e.action === 'follow_up_sent' && input.followUpRequestId) seen.set(input.followUpRequestId, input.followUpReference ?? input.followUpRequestId);
    }
    return [...seen].map(([id, reference]) => ({ value: id, label: reference }));
  }, [events.data]);
  return (
    <Stack gap={4}>
      <Select
        label={t('dialog.followUp')}
        placeholder={t('dialog.noFollowUp')}
        description={t('dialog.followUpHelp')}
        data={options}
        value={value}
        onChange={onChange}
        clearable
        error={error}
        comboboxProps={{ withinPortal: true }}
      />
      <Anchor component={Link} to={`/requests/new?from=${request.id}`} size="sm">
        {t('dialog.createFollowUp')}
      </Anchor>
    </Stack>
  );
}

