import { Alert, Button, Code, FileInput, Group, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert, useProblemText } from '@/components/problem';
import type { RequestDto } from '@/lib/api/client';
import { formatBytes, formatDateTime } from '@/lib/format';
import { sha256Hex } from '@/lib/sha256';
import { DOCUMENT_KINDS, DOCUMENT_LANGUAGES, fetchLetter, uploadAttachment, useAttachments, useDocumentsChanged, useRemoveAttachment, type DocumentKind } from '../api/documents';

/**
 * The letter of request (PDF, in English or Vietnamese; the letter as sent once the request
 * was sent) and the supporting documents: listed with their SHA-256 and downloadable by whoever
 * sees the request; attached (hashed in the browser, uploaded with progress, verified by the
 * server) and removed by the drafting prosecutor while it is a draft.
 */
export function Documents({ request, editable }: { request: RequestDto; editable: boolean }) {
  const { t, i18n } = useTranslation('requests');
  const attachments = useAttachments(request.id);
  const remove = useRemoveAttachment(request);
  const items = attachments.data?.items ?? [];
  return (
    <Stack>
      <Letter request={request} />
      <Title order={3} size="h5">
        {t('documents.title')}
      </Title>
      {attachments.error && <ProblemAlert problem={attachments.error} />}
      {items.length === 0 ? (
        <Text c="dimmed">{t('documents.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="sm">
            <Table.Caption>{t('documents.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('documents.document')}</Table.Th>
                <Table.Th>{t('documents.language')}</Table.Th>
                <Table.Th>{t('evidence.hash')}</Table.Th>
                <Table.Th>{t('evidence.size')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {t(`common:documentKind.${a.kind}`)} · {formatDateTime(a.createdAt, i18n.language)}
                    </Text>
                    <Text size="sm">{a.fileName}</Text>
                  </Table.Td>
                  <Table.Td>{t(`common:languages.${a.language}`, { defaultValue: a.language })}</Table.Td>
                  <Table.Td>
                    <Code style={{ wordBreak: 'break-all' }}>{a.sha256}</Code>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBytes(a.sizeBytes, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button component="a" size="xs" variant="default" href={`/api/v1/requests/${request.id}/attachments/${a.id}/content`} download={a.fileName}>
                        {t('documents.download', { name: a.fileName })}
                      </Button>
                      {editable && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          loading={remove.isPending && remove.variables === a.id}
                          onClick={() => window.confirm(t('documents.confirmRemove', { name: a.fileName })) && remove.mutate(a.id)}
                        >
                          {t('documents.remove', { name: a.fileName })}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ProblemAlert problem={remove.error} />
      {editable ? <AttachForm request={request} /> : request.state !== 'DRAFT' && <Text size="sm" c="dimmed">{t('documents.frozen')}</Text>}
    </Stack>
  );
}

function AttachForm({ request }: { request: RequestDto }) {
  const { t } = useTranslation('requests');
  const { forField } = useProblemText();
  const changed = useDocumentsChanged(request.id);
  const [kind, setKind] = useState<DocumentKind>('COURT_ORDER');
  const [language, setLanguage] = useState<string>(request.language);
  const [file, setFile] = useState<File | null>(null);
  const [sha256, setSha256] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const choose = async (f: File | null) => {
    setFile(f);
    setSha256(null);
    setProblem(null);
    setDone(null);
    if (f) setSha256(await sha256Hex(f));
  };
  const attach = async () => {
    if (!file || !sha256) return;
    setProgress(0);
    setProblem(null);
    try {
      const added = await uploadAttachment(request, { file, sha256, kind, language }, setProgress);
      setDone(t('documents.attached', { name: added.fileName, hash: added.sha256 }));
      setFile(null);
      setSha256(null);
      changed();
    } catch (error) {
      setProblem(error);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Stack gap="xs" component="form" aria-label={t('documents.attachTitle')} onSubmit={(e) => (e.preventDefault(), void attach())}>
      <Title order={3} size="h5">
        {t('documents.attachTitle')}
      </Title>
      <Group grow align="flex-start">
        <Select
          label={t('documents.kind')}
          data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`common:documentKind.${k}`) }))}
          value={kind}
          onChange={(v) => setKind((v as DocumentKind) ?? 'COURT_ORDER')}
          allowDeselect={false}
          error={forField(problem, 'kind')}
        />
        <Select
          label={t('documents.language')}
          data={DOCUMENT_LANGUAGES.map((l) => ({ value: l, label: t(`common:languages.${l}`, { defaultValue: l }) }))}
          value={language}
          onChange={(v) => setLanguage(v ?? request.language)}
          allowDeselect={false}
          error={forField(problem, 'language')}
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
      {done && (
        <Text size="sm" c="teal.9" role="status">
          {done}
        </Text>
      )}
      <Group>
        <Button type="submit" disabled={!file || !sha256} loading={progress !== null}>
          {t('documents.attach')}
        </Button>
      </Group>
    </Stack>
  );
}

function Letter({ request }: { request: RequestDto }) {
  const { t } = useTranslation('requests');
  const [problem, setProblem] = useState<unknown>(null);
  const [fetched, setFetched] = useState<{ lang: string; frozen: boolean; sha256: string } | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const download = async (lang: 'en' | 'vi') => {
    setProblem(null);
    setPending(lang);
    try {
      const letter = await fetchLetter(request.id, lang);
      setFetched({ lang, frozen: letter.frozen, sha256: letter.sha256 });
      const url = URL.createObjectURL(letter.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${request.reference}-${lang}.pdf`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setProblem(error);
    } finally {
      setPending(null);
    }
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="letter-heading">
      <Title order={3} size="h5" id="letter-heading">
        {t('documents.letter')}
      </Title>
      <Text size="sm" c="dimmed">
        {request.sentAt ? t('documents.letterSent') : t('documents.letterDraft')}
      </Text>
      <Group>
        {(['en', 'vi'] as const).map((lang) => (
          <Button key={lang} variant="default" loading={pending === lang} onClick={() => void download(lang)}>
            {t('documents.letterIn', { language: t(`common:languages.${lang}`) })}
          </Button>
        ))}
      </Group>
      {fetched && (
        <Alert color={fetched.frozen ? 'teal' : 'gray'} role="status">
          {fetched.frozen ? t('documents.letterFrozen', { hash: fetched.sha256 }) : t('documents.letterRendered', { hash: fetched.sha256 })}
        </Alert>
      )}
      <ProblemAlert problem={problem} />
    </Stack>
  );
}
