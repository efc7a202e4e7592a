import { Button, Card, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Page } from '@/components/Page';
import { ProblemAlert } from '@/components/problem';
import { useAuthorities, useMe } from '@/lib/api/hooks';
import { enums } from '@/lib/api/generated/api-values';
import { useRegisterIncoming, type IncomingBody } from '../counterparts/counterpart-api';
import { dayToInstant, emptyTransmission, toTransmission, TransmissionFields } from '../counterparts/TransmissionFields';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A request received on paper from an authority that works on no MLA Hub (DESIGN §14): its
 * content as received, who sent it, which of our authorities it is addressed to, when it
 * arrived and how it travelled. It then opens in SENT, where the scan is attached with the
 * first act recorded from it.
 */
export function IncomingOnPaperPage() {
  const { t } = useTranslation('counterparts');
  const me = useMe();
  const authorities = useAuthorities();
  const register = useRegisterIncoming();
  const navigate = useNavigate();
  const all = authorities.data ?? [];
  const offline = all.filter((a) => a.reach === 'OFFLINE');
  const ours = all.filter((a) => a.reach === 'LOCAL' && a.country === me.data?.authority?.country && a.kind !== 'PROSECUTION_OFFICE');
  const [v, setV] = useState({ requestingAuthorityId: '', requestedAuthorityId: me.data?.authority?.id ?? '', type: 'SUBSCRIBER_INFO', legalBasis: 'RECIPROCITY', title: '', offence: '', provision: '', facts: '', measure: '', receivedDay: today() });
  const [transmission, setTransmission] = useState(emptyTransmission());
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  const submit = () => {
    const body = {
      type: v.type, legalBasis: v.legalBasis, priority: 'ROUTINE', channel: 'CENTRAL_AUTHORITY', language: 'en',
      requestingAuthorityId: v.requestingAuthorityId, requestedAuthorityId: v.requestedAuthorityId || me.data?.authority?.id,
      title: v.title, offence: { description: v.offence, provision: v.provision }, facts: v.facts, measures: v.measure ? [v.measure] : [],
      receivedAt: dayToInstant(v.receivedDay), transmission: toTransmission(transmission) ?? undefined,
    } as unknown as IncomingBody;
    register.mutate(body, { onSuccess: (created) => navigate(`/requests/${created.id}`) });
  };
  const choice = (items: readonly string[], ns: string) => items.map((x) => ({ value: x, label: t(`common:${ns}.${x}`) }));
  return (
    <Page title={t('incoming.title')} subtitle={t('incoming.subtitle')}>
      <Card withBorder>
        <Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Select label={t('incoming.requesting')} required searchable data={offline.map((a) => ({ value: a.id, label: `${a.code} · ${a.name}` }))} value={v.requestingAuthorityId || null} onChange={(x) => setV({ ...v, requestingAuthorityId: x ?? '' })} comboboxProps={{ withinPortal: true }} />
            <Select label={t('incoming.requested')} required data={ours.map((a) => ({ value: a.id, label: `${a.code} · ${a.name}` }))} value={v.requestedAuthorityId || null} onChange={(x) => setV({ ...v, requestedAuthorityId: x ?? '' })} comboboxProps={{ withinPortal: true }} />
            <Select label={t('incoming.type')} required data={choice(enums.RequestDto.type, 'type')} value={v.type} onChange={(x) => setV({ ...v, type: x ?? 'OTHER' })} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
            <Select label={t('incoming.legalBasis')} required data={choice(enums.RequestDto.legalBasis, 'legalBasis')} value={v.legalBasis} onChange={(x) => setV({ ...v, legalBasis: x ?? 'RECIPROCITY' })} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          </SimpleGrid>
          <TextInput label={t('incoming.title_')} required maxLength={300} value={v.title} onChange={set('title')} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label={t('incoming.offence')} value={v.offence} onChange={set('offence')} />
            <TextInput label={t('incoming.provision')} value={v.provision} onChange={set('provision')} />
          </SimpleGrid>
          <Textarea label={t('incoming.facts')} autosize minRows={3} value={v.facts} onChange={set('facts')} />
          <TextInput label={t('incoming.measure')} value={v.measure} onChange={set('measure')} />
          <TextInput type="date" label={t('incoming.receivedAt')} required max={today()} value={v.receivedDay} onChange={set('receivedDay')} />
          <TransmissionFields authority={offline.find((a) => a.id === v.requestingAuthorityId)?.name ?? '—'} value={transmission} onChange={setTransmission} />
          <ProblemAlert problem={register.error} />
          <Button onClick={submit} loading={register.isPending} disabled={!v.requestingAuthorityId || !v.title.trim()} style={{ alignSelf: 'flex-start' }}>
            {t('incoming.submit')}
          </Button>
        </Stack>
      </Card>
    </Page>
  );
}
