import { Alert, Button, Checkbox, Code, FileInput, Group, Paper, Progress, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/FormDialog';
import { ProblemAlert, useProblemText } from '@/components/problem';
import { api, ApiProblem, call, idempotencyKey, type RequestDto, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/hooks';
import { formatBytes } from '@/lib/format';
import { sha256Hex } from '@/lib/sha256';
import { uploadEvidence, useTransition } from '../api/requests';
import { enums } from '@/lib/api/generated/api-values';

type Kind = Schemas['EvidenceItemInputDto']['kind'];
const KINDS: readonly Kind[] = enums.EvidenceItemInputDto.kind;

interface Item {
  kind: Kind;
  description: string;
  file: File | null;
  sha256?: string;
  hashing?: boolean;
}

interface Upload {
  name: string;
  progress: number;
  verified?: Schemas['EvidenceItemDto'];
  error?: unknown;
}

/**
 * deliver_evidence: the items (a FILE's SHA-256 and size computed in the browser with
 * WebCrypto), then each file uploaded with a progress bar and the server's verification shown.
 */
export function EvidenceDelivery({ request, onClose, onReload, onDone }: { request: RequestDto; onClose: () => void; onReload: () => void; onDone?: () => void }) {
  const { t, i18n } = useTranslation('requests');
  const { forField } = useProblemText();
  const qc = useQueryClient();
  const transition = useTransition(request);
  const [key] = useState(idempotencyKey);
  const [items, setItems] = useState<Item[]>([{ kind: 'FILE', description: '', file: null }]);
  const [final, setFinal] = useState(false);
  const [touched, setTouched] = useState(false);
  const [uploads, setUploads] = useState<Upload[] | null>(null);
  const problem = transition.error instanceof ApiProblem ? transition.error : null;

  const update = (i: number, patch: Partial<Item>) => setItems((all) => all.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  const chooseFile = async (i: number, file: File | null) => {
    update(i, { file, sha256: undefined, hashing: Boolean(file) });
    if (file) update(i, { sha256: await sha256Hex(file), hashing: false });
  };
  const incomplete = (it: Item) => !it.description.trim() || (it.kind === 'FILE' && (!it.file || !it.sha256));

  const submit = () => {
    setTouched(true);
    if (items.some(incomplete) || items.some((it) => it.hashing)) return;
    const body = {
      final,
      items: items.map((it) => ({
        kind: it.kind,
        description: it.description.trim(),
        ...(it.kind === 'FILE' && it.file ? { sha256: it.sha256, sizeBytes: it.file.size } : {}),
      })),
    };
    transition.mutate(
      { action: 'deliver_evidence', body, key },
      {
        onSuccess: async (updated) => {
          onDone?.();
          const withFiles = items.map((it, index) => ({ it, index })).filter(({ it }) => it.kind === 'FILE' && it.file);
          if (withFiles.length === 0) return onClose();
          const list = await call(api.GET('/api/v1/requests/{id}/evidence', { params: { path: { id: request.id } } }));
          const delivered = list.items.filter((e) => e.deliveryNo === updated.deliveryCount);
          setUploads(withFiles.map(({ it }) => ({ name: it.file?.name ?? '', progress: 0 })));
          await Promise.all(
            withFiles.map(async ({ it, index }, u) => {
              const target = delivered.find((e) => e.itemNo === index + 1);
              const setU = (patch: Partial<Upload>) => setUploads((all) => (all ? all.map((x, j) => (j === u ? { ...x, ...patch } : x)) : all));
              try {
                if (!target) throw new ApiProblem(0, 'NOT_FOUND', `item ${index + 1} of delivery ${updated.deliveryCount}`);
                const verified = await uploadEvidence(request.id, target.id, it.file as File, (progress) => setU({ progress }));
                setU({ verified, progress: 1 });
              } catch (error) {
                setU({ error });
              }
            }),
          );
          void qc.invalidateQueries({ queryKey: queryKeys.evidence(request.id) });
        },
      },
    );
  };

  if (uploads) {
    const done = uploads.every((u) => u.verified || u.error);
    return (
      <FormDialog opened onClose={onClose} title={t('common:action.deliver_evidence')} submitLabel={t('dialog.finish')} onSubmit={onClose} submitDisabled={!done}>
        <Alert color="green">{t('dialog.deliverDone')}</Alert>
        {uploads.map((u) => (
          <Stack key={u.name} gap={4}>
            <Text size="sm">{t('dialog.uploading', { name: u.name })}</Text>
            <Progress value={Math.round(u.progress * 100)} aria-label={t('dialog.uploadProgress', { name: u.name })} animated={!u.verified && !u.error} />
            {u.verified && (
              <Alert color="green" role="status">
                {t('dialog.verified', { name: u.name, hash: u.verified.sha256 })}
              </Alert>
            )}
            {u.error ? (
              <Stack gap={2}>
                <Text c="red" size="sm">
                  {t('dialog.uploadFailed', { name: u.name })}
                </Text>
                <ProblemAlert problem={u.error} />
              </Stack>
            ) : null}
          </Stack>
        ))}
      </FormDialog>
    );
  }

  return (
    <FormDialog opened onClose={onClose} title={t('common:action.deliver_evidence')} submitLabel={t('common:action.deliver_evidence')} submitting={transition.isPending} onSubmit={submit} size="xl">
      {items.map((it, i) => (
        <Paper key={i} withBorder p="sm" component="fieldset" style={{ border: undefined }}>
          <Text component="legend" fw={600} size="sm">
            {t('dialog.item', { n: i + 1 })}
          </Text>
          <Stack gap="xs">
            <Select
              label={t('common:field.kind')}
              data={KINDS.map((k) => ({ value: k, label: t(`common:evidenceKind.${k}`) }))}
              value={it.kind}
              onChange={(v) => update(i, { kind: (v as Kind) ?? 'FILE' })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            <Textarea
              label={t('common:field.description')}
              required
              autosize
              minRows={2}
              value={it.description}
              onChange={(e) => update(i, { description: e.currentTarget.value })}
              error={forField(problem, `items[${i}].description`) ?? (touched && !it.description.trim() ? t('common:problem.field.REQUEST_INCOMPLETE') : undefined)}
            />
            {it.kind === 'FILE' && (
              <>
                <FileInput
                  label={t('dialog.file')}
                  required
                  value={it.file}
                  onChange={(f) => void chooseFile(i, f)}
                  clearable
                  error={forField(problem, `items[${i}].sha256`) ?? (touched && !it.file ? t('common:problem.field.REQUEST_INCOMPLETE') : undefined)}
                />
                {it.hashing && <Text size="sm">{t('dialog.hashing')}</Text>}
                {it.sha256 && it.file && (
                  <Text size="sm" role="status">
                    {t('dialog.computed', { size: formatBytes(it.file.size, i18n.language) })}{' '}
                    <Code style={{ wordBreak: 'break-all' }}>{it.sha256}</Code>
                  </Text>
                )}
              </>
            )}
            {items.length > 1 && (
              <Group justify="flex-end">
                <Button variant="subtle" color="red" size="xs" onClick={() => setItems((all) => all.filter((_, j) => j !== i))}>
                  {t('dialog.removeItem', { n: i + 1 })}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => setItems((all) => [...all, { kind: 'FILE', description: '', file: null }])}>
          {t('dialog.addItem')}
        </Button>
      </Group>
      <FinalCheckbox checked={final} onChange={setFinal} />
      <ProblemAlert problem={transition.error} onReload={() => { onReload(); onClose(); }} shownFields={['items']} />
    </FormDialog>
  );
}

function FinalCheckbox({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  const { t } = useTranslation('requests');
  return <Checkbox label={t('common:field.final')} description={t('dialog.finalHelp')} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />;
}
