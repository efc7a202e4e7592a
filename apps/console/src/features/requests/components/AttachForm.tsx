import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Code, FileInput, Group, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert, useProblemText } from '@/components/problem';
import type { RequestDto } from '@/lib/api/client';
import { sha256Hex } from '@/lib/sha256';
import { DOCUMENT_KINDS, DOCUMENT_LANGUAGES, useAttachDocument, type DocumentKind } from '../api/documents';

interface AttachValues {
  kind: DocumentKind;
  language: string;
  file: File | null;
  /** The file's SHA-256, computed in the browser once chosen. */
  sha256: string;
}

const schema = z.object({
  kind: z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]]),
  language: z.string().min(2),
  file: z.custom<File | null>((f) => f instanceof File),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
}) as unknown as z.ZodType<AttachValues, AttachValues>;

/** Attaching a document to the draft: hashed in the browser, uploaded with progress, verified by the server. */
export function AttachForm({ request }: { request: RequestDto }) {
  const { t } = useTranslation('requests');
  const { forField } = useProblemText();
  const attach = useAttachDocument(request);
  const [progress, setProgress] = useState<number | null>(null);
  const form = useForm<AttachValues>({ resolver: zodResolver(schema), defaultValues: { kind: 'COURT_ORDER', language: request.language, file: null, sha256: '' } });
  const [file, sha256] = form.watch(['file', 'sha256']);
  const problem = attach.error;
  const done = attach.data;

  const choose = async (f: File | null) => {
    form.setValue('file', f);
    form.setValue('sha256', '');
    attach.reset();
    if (f) form.setValue('sha256', await sha256Hex(f));
  };
  const submit = form.handleSubmit((v) => {
    setProgress(0);
    attach.mutate(
      { doc: { file: v.file as File, sha256: v.sha256, kind: v.kind, language: v.language }, onProgress: setProgress },
      {
        onSuccess: () => form.reset({ ...form.getValues(), file: null, sha256: '' }),
        onSettled: () => setProgress(null),
      },
    );
  });
  return (
    <Stack gap="xs" component="form" aria-label={t('documents.attachTitle')} onSubmit={(e) => void submit(e)}>
      <Title order={3} size="h5">
        {t('documents.attachTitle')}
      </Title>
      <Group grow align="flex-start">
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <Select
              label={t('documents.kind')}
              data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`common:documentKind.${k}`) }))}
              value={field.value}
              onChange={(v) => field.onChange((v as DocumentKind) ?? 'COURT_ORDER')}
              allowDeselect={false}
              error={forField(problem, 'kind')}
            />
          )}
        />
        <Controller
          control={form.control}
          name="language"
          render={({ field }) => (
            <Select
              label={t('documents.language')}
              data={DOCUMENT_LANGUAGES.map((l) => ({ value: l, label: t(`common:languages.${l}`, { defaultValue: l }) }))}
              value={field.value}
              onChange={(v) => field.onChange(v ?? request.language)}
              allowDeselect={false}
              error={forField(problem, 'language')}
            />
          )}
        />
      </Group>
      <FileInput label={t('documents.file')} value={file} onChange={(f) => void choose(f)} clearable error={forField(problem, 'sha256') ?? forField(problem, 'fileName')} />
      {file && sha256 && (
        <Text size="xs">
          {t('documents.computed')} <Code style={{ wordBreak: 'break-all' }}>{sha256}</Code>
        </Text>
      )}
      {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('documents.progress', { name: file?.name ?? '' })} animated />}
      <ProblemAlert problem={problem} shownFields={['kind', 'language', 'sha256', 'fileName']} />
      {done && !file && (
        <Text size="sm" c="teal.9" role="status">
          {t('documents.attached', { name: done.fileName, hash: done.sha256 })}
        </Text>
      )}
      <Group>
        <Button type="submit" disabled={!file || !sha256} loading={attach.isPending}>
          {t('documents.attach')}
        </Button>
      </Group>
    </Stack>
  );
}
