import { Fieldset, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TRANSMISSION_CHANNELS, type Transmission, type TransmissionChannel } from './counterpart-api';

/** What the officer types of a dispatch: a channel, a day (YYYY-MM-DD), a reference. */
export interface TransmissionDraft {
  channel: TransmissionChannel | '';
  day: string;
  reference: string;
}

export const emptyTransmission = (): TransmissionDraft => ({ channel: '', day: new Date().toISOString().slice(0, 10), reference: '' });

/** A day typed in the form, as the instant the API takes: noon of that day in the viewer's zone, never in the future. */
export function dayToInstant(day: string): string {
  const noon = new Date(`${day}T12:00:00`);
  return (noon.getTime() > Date.now() ? new Date() : noon).toISOString();
}

/** The transmission for the API, or null while incomplete (the API then names what is missing). */
export function toTransmission(d: TransmissionDraft): Transmission | null {
  if (!d.channel || !d.day || !d.reference.trim()) return null;
  return { channel: d.channel, dispatchedAt: dayToInstant(d.day), dispatchReference: d.reference.trim() };
}

/**
 * How the signed letter left for an authority that works on no MLA Hub (DESIGN §14): the
 * send dialog shows these when the requested authority is OFFLINE.
 */
export function TransmissionFields({ authority, value, onChange, error }: { authority: string; value: TransmissionDraft; onChange: (v: TransmissionDraft) => void; error?: string }) {
  const { t } = useTranslation('counterparts');
  return (
    <Fieldset legend={t('transmission.legend')}>
      <Text size="sm" mb="xs">{t('transmission.help', { authority })}</Text>
      <Select
        label={t('transmission.channel')}
        required
        data={TRANSMISSION_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        value={value.channel || null}
        onChange={(c) => onChange({ ...value, channel: (c ?? '') as TransmissionChannel | '' })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        error={error}
      />
      <TextInput type="date" label={t('transmission.dispatchedAt')} required value={value.day} max={new Date().toISOString().slice(0, 10)} onChange={(e) => onChange({ ...value, day: e.currentTarget.value })} />
      <TextInput label={t('transmission.reference')} required maxLength={200} value={value.reference} onChange={(e) => onChange({ ...value, reference: e.currentTarget.value })} />
    </Fieldset>
  );
}
