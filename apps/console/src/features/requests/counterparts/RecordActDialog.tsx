import { Checkbox, FileInput, Fieldset, Select, Stack, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert } from '@/components/problem';
import type { RequestAction, RequestDto } from '@/lib/api/client';
import { actionBody, shownFields, type ActionValues } from '../actions/action-form';
import { ActionField } from '../actions/ActionField';
import { offlineCounterpart, TRANSMISSION_CHANNELS, useRecordAct, type TransmissionChannel } from './counterpart-api';
import { dayToInstant } from './TransmissionFields';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Records an act of the counterpart that works on no MLA Hub from its letter (DESIGN §14): the
 * act (one of `recordableActions`, with its own inputs), the letter (date, arrival, channel,
 * reference) and its scan, attached as CORRESPONDENCE before the act is recorded.
 */
export function RecordActDialog({ request, onClose, onDone }: { request: RequestDto; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('counterparts');
  const counterpart = offlineCounterpart(request);
  const acts = request.recordableActions as RequestAction[];
  const [act, setAct] = useState<RequestAction | null>(acts[0] ?? null);
  const [scan, setScan] = useState<File | null>(null);
  const [letter, setLetter] = useState({ correspondenceDate: today(), receivedDay: today(), channel: 'EMAIL' as TransmissionChannel, reference: '' });
  const [evidence, setEvidence] = useState({ description: '', sha256: '', sizeBytes: '', final: true });
  const fields = useMemo(() => (act ? shownFields(act, request) : []), [act, request]);
  const form = useForm<ActionValues>({ defaultValues: {} });
  const record = useRecordAct(request);

  const submit = form.handleSubmit((values) => {
    if (!act || !scan) return;
    const inputs: Record<string, unknown> = actionBody(values);
    if (act === 'deliver_evidence') {
      inputs.final = evidence.final;
      inputs.items = [{ description: evidence.description, kind: 'FILE', sha256: evidence.sha256.trim().toLowerCase(), sizeBytes: Number(evidence.sizeBytes) }];
    }
    const received = { correspondenceDate: letter.correspondenceDate, receivedAt: dayToInstant(letter.receivedDay), channel: letter.channel, reference: letter.reference.trim() };
    record.mutate({ act, inputs, letter: received, scan }, { onSuccess: () => { onDone(); onClose(); } });
  });

  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('record.title', { authority: counterpart?.name ?? '' })}
      submitLabel={t('record.submit')}
      submitting={record.isPending}
      submitDisabled={!act || !scan || !letter.reference.trim()}
      onSubmit={() => void submit()}
      size="lg"
    >
      <Stack>
        <Select
          label={t('record.act')}
          required
          data={acts.map((a) => ({ value: a, label: t(`common:action.${a}`) }))}
          value={act}
          onChange={(a) => { setAct(a as RequestAction | null); form.reset({}); }}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        {act && fields.map((f) => <ActionField key={`${act}-${f.name}`} action={act} field={f} request={request} control={form.control} />)}
        {act === 'deliver_evidence' && (
          <>
            <TextInput label={t('record.evidenceDescription')} required value={evidence.description} onChange={(e) => setEvidence({ ...evidence, description: e.currentTarget.value })} />
            <TextInput label={t('record.evidenceSha256')} required value={evidence.sha256} onChange={(e) => setEvidence({ ...evidence, sha256: e.currentTarget.value })} />
            <TextInput label={t('record.evidenceSize')} required inputMode="numeric" value={evidence.sizeBytes} onChange={(e) => setEvidence({ ...evidence, sizeBytes: e.currentTarget.value })} />
            <Checkbox label={t('record.final')} checked={evidence.final} onChange={(e) => setEvidence({ ...evidence, final: e.currentTarget.checked })} />
          </>
        )}
        <Fieldset legend={t('record.letter')}>
          <FileInput label={t('record.scan')} required value={scan} onChange={setScan} accept="application/pdf,image/*" clearable />
          <TextInput type="date" label={t('record.correspondenceDate')} required max={today()} value={letter.correspondenceDate} onChange={(e) => setLetter({ ...letter, correspondenceDate: e.currentTarget.value })} />
          <TextInput type="date" label={t('record.receivedAt')} required max={today()} value={letter.receivedDay} onChange={(e) => setLetter({ ...letter, receivedDay: e.currentTarget.value })} />
          <Select
            label={t('record.channel')}
            required
            data={TRANSMISSION_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            value={letter.channel}
            onChange={(c) => setLetter({ ...letter, channel: (c ?? 'EMAIL') as TransmissionChannel })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput label={t('record.reference')} required maxLength={200} value={letter.reference} onChange={(e) => setLetter({ ...letter, reference: e.currentTarget.value })} />
        </Fieldset>
        <ProblemAlert problem={record.error} />
      </Stack>
    </FormDialog>
  );
}
