import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Text, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert, useProblemText } from '@/components/problem';
import { ApiProblem } from '@/lib/api/client';
import { useAddPeer, useUpdatePeer } from '../api/peers';
import { actionBody, addBody, isPeerProblem, peerSchema, refreshSchema, type Peer, type PeerAction, type PeerValues } from '../peers';

const FIELDS = ['url', 'keyThumbprint'];
const mono = { input: { fontFamily: 'monospace' } };

/** A refusal of the API in the screen's own words (a wrong thumbprint, an unreachable node…), else as every screen shows it. */
export function PeerProblem({ problem }: { problem: unknown }) {
  const { t } = useTranslation('admin');
  const { title } = useProblemText();
  if (problem instanceof ApiProblem && isPeerProblem(problem.code)) {
    return (
      <Alert color="red" title={title(problem)} role="alert">
        <Text size="sm">{t(`peers.problem.${problem.code}`)}</Text>
      </Alert>
    );
  }
  return <ProblemAlert problem={problem} shownFields={FIELDS} />;
}

/** Adds a peer by its URL and the thumbprint its operator gave (react-hook-form checked with the API's rules first). */
export function AddPeerDialog({ onClose, onDone }: { onClose: () => void; onDone: (p: Peer) => void }) {
  const { t } = useTranslation('admin');
  const { forField } = useProblemText();
  const add = useAddPeer();
  const form = useForm<PeerValues>({ resolver: zodResolver(peerSchema), defaultValues: { url: '', keyThumbprint: '' } });
  const { errors } = form.formState;
  // a refusal the alert words (a wrong thumbprint, an unreachable node) is not repeated under the field as a bare "not accepted"
  const worded = add.error instanceof ApiProblem && isPeerProblem(add.error.code);
  const err = (field: keyof PeerValues) => (errors[field]?.message ? t(errors[field]?.message as string) : worded ? undefined : forField(add.error, field));
  const submit = form.handleSubmit((v) => add.mutate(addBody(v), { onSuccess: (p) => { onDone(p); onClose(); } }));
  return (
    <FormDialog opened onClose={onClose} title={t('peers.add')} submitLabel={t('peers.add')} submitting={add.isPending} onSubmit={() => void submit()}>
      <TextInput label={t('peers.url')} description={t('peers.urlHelp')} required type="url" autoComplete="off" {...form.register('url')} error={err('url')} />
      <TextInput label={t('peers.thumbprint')} description={t('peers.addThumbprintHelp')} required autoComplete="off" spellCheck={false} styles={mono} {...form.register('keyThumbprint')} error={err('keyThumbprint')} />
      <PeerProblem problem={add.error} />
    </FormDialog>
  );
}

/** Suspends, resumes or re-reads the keys of a peer, after a confirmation (re-reading: optionally against a new thumbprint). */
export function PeerActionDialog({ peer, action, onClose, onDone }: { peer: Peer; action: PeerAction; onClose: () => void; onDone: (p: Peer) => void }) {
  const { t } = useTranslation('admin');
  const update = useUpdatePeer();
  const form = useForm<{ keyThumbprint: string }>({ resolver: zodResolver(refreshSchema), defaultValues: { keyThumbprint: '' } });
  const error = form.formState.errors.keyThumbprint?.message;
  const submit = form.handleSubmit((v) => update.mutate({ id: peer.id, body: actionBody(action, v.keyThumbprint) }, { onSuccess: (p) => { onDone(p); onClose(); } }));
  return (
    <FormDialog
      opened
      onClose={onClose}
      danger={action === 'suspend'}
      title={t(`peers.actionOf.${action}`, { node: peer.nodeId })}
      submitLabel={t(`peers.action.${action}`)}
      submitting={update.isPending}
      onSubmit={() => void submit()}
    >
      <Text>{t(`peers.confirm.${action}`, { node: peer.nodeId, url: peer.url })}</Text>
      {action === 'refresh_keys' && (
        <TextInput
          label={t('peers.newThumbprint')}
          description={t('peers.newThumbprintHelp', { kid: peer.keyThumbprint })}
          autoComplete="off"
          spellCheck={false}
          styles={mono}
          {...form.register('keyThumbprint')}
          error={error ? t(error) : undefined}
        />
      )}
      <PeerProblem problem={update.error} />
    </FormDialog>
  );
}
