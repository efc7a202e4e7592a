import { zodResolver } from '@hookform/resolvers/zod';
import { Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert, useProblemText } from '@/components/problem';
import { ApiProblem, idempotencyKey, type RequestAction, type RequestDto } from '@/lib/api/client';
import { actionBody, actionSchema, dateBounds, shownFields, widgetOf, type ActionValues } from '../actions/action-form';
import { ActionField, dateRuleText } from '../actions/ActionField';
import { FollowUpChoice } from '../actions/FollowUpChoice';
import { useTransition, type TransitionBody } from '../api/requests';
import { EvidenceDelivery } from './EvidenceDelivery';
import { SendDialog } from './SendDialog';

/**
 * One action of `allowedActions`: a dialog with the inputs the API publishes for it (the
 * OpenAPI `oneOf` of the transitions body), sent with the version the user saw.
 */
export function ActionDialog({ action, request, onClose, onReload, onDone }: { action: RequestAction; request: RequestDto; onClose: () => void; onReload: () => void; onDone?: (a: RequestAction) => void }) {
  if (action === 'deliver_evidence') {
    return <EvidenceDelivery request={request} onClose={onClose} onReload={onReload} onDone={() => onDone?.(action)} />;
  }
  if (action === 'send') return <SendDialog request={request} onClose={onClose} onReload={onReload} onDone={() => onDone?.(action)} />;
  return <InputsDialog action={action} request={request} onClose={onClose} onReload={onReload} onDone={onDone} />;
}

function InputsDialog({ action, request, onClose, onReload, onDone }: { action: RequestAction; request: RequestDto; onClose: () => void; onReload: () => void; onDone?: (a: RequestAction) => void }) {
  const { t, i18n } = useTranslation('requests');
  const { forField } = useProblemText();
  const transition = useTransition(request);
  const [key] = useState(idempotencyKey);
  const fields = useMemo(() => shownFields(action, request), [action, request]);
  const schema = useMemo(() => {
    // A date outside its window is named with the window itself (the API's preservationWindow), never cleared.
    const dates = Object.fromEntries(fields.filter((f) => widgetOf(f) === 'date').map((f) => [f.name, { ...dateBounds(action, f.name, request), message: dateRuleText(action, request, t, i18n.language) }]));
    return actionSchema(fields, t('common:problem.field.REQUEST_INCOMPLETE'), dates);
  }, [fields, t, action, request, i18n.language]);
  const form = useForm<ActionValues>({ resolver: zodResolver(schema), defaultValues: Object.fromEntries(fields.map((f) => [f.name, ''])) });
  const label = t(`common:action.${action}`);
  const problem = transition.error instanceof ApiProblem ? transition.error : null;
  const errorOf = (field: string) => forField(problem, field) ?? form.formState.errors[field]?.message;

  const submit = form.handleSubmit((values) => {
    transition.mutate({ action, body: actionBody(values) as TransitionBody, key }, { onSuccess: () => { onDone?.(action); onClose(); } });
  });

  return (
    <FormDialog opened onClose={onClose} title={label} submitLabel={label} submitting={transition.isPending} onSubmit={() => void submit()} danger={action === 'refuse' || action === 'withdraw'}>
      {fields.length === 0 && <Text>{t('dialog.noInput')}</Text>}
      {action === 'extend_preservation' && <Text size="sm">{t('page.extensions', { count: request.preservationExtensions ?? 0 })}</Text>}
      {fields.map((f) =>
        widgetOf(f) === 'followUp' ? (
          <Controller
            key={f.name}
            control={form.control}
            name={f.name}
            render={({ field }) => <FollowUpChoice request={request} value={field.value || null} onChange={(v) => field.onChange(v ?? '')} error={errorOf(f.name)} />}
          />
        ) : (
          <ActionField key={f.name} action={action} field={f} request={request} control={form.control} error={errorOf(f.name)} />
        ),
      )}
      <ProblemAlert problem={transition.error} onReload={() => { onReload(); onClose(); }} shownFields={[...fields.map((f) => f.name), 'ground', 'followUpRequestId']} />
    </FormDialog>
  );
}
