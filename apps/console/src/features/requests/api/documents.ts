import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, callConditional, ifMatch, toProblem, type RequestDto, type Schemas } from '@/lib/api/client';
import { POLL_MS, queryKeys } from '@/lib/api/hooks';
import type { operations } from '@/lib/api/schema';
import { uploadWithProgress } from '@/lib/sha256';
import { enums } from '@/lib/api/generated/api-values';

export type Attachment = Schemas['AttachmentDto'];
export type DocumentKind = NonNullable<operations['AttachmentsController_attach']['parameters']['query']>['kind'];
export const DOCUMENT_KINDS: readonly DocumentKind[] = enums.AttachmentDto.kind;
/** Languages offered for a request and its documents (ISO 639-1; the API takes any). */
export const DOCUMENT_LANGUAGES = ['vi', 'en', 'th', 'id', 'ms', 'km', 'lo', 'my', 'tl', 'zh', 'ko', 'ja', 'fr'];

/** The supporting documents of a request (the requested side sees them from send on). */
export function useAttachments(requestId: string) {
  const qc = useQueryClient();
  const key = queryKeys.attachments(requestId);
  return useQuery({
    queryKey: key,
    queryFn: () =>
      callConditional(key, qc.getQueryData<Schemas['AttachmentListDto']>(key), (header) =>
        api.GET('/api/v1/requests/{id}/attachments', { params: { path: { id: requestId }, header } }),
      ),
    refetchInterval: POLL_MS,
  });
}

export interface NewDocument {
  file: File;
  sha256: string;
  kind: DocumentKind;
  language: string;
}

/** Attaches a document to the draft at the version the user saw (If-Match), with progress; answers it as the server verified it. */
export async function uploadAttachment(request: RequestDto, doc: NewDocument, onProgress: (f: number) => void): Promise<Attachment> {
  const query = new URLSearchParams({
    kind: doc.kind,
    language: doc.language,
    fileName: doc.file.name,
    sha256: doc.sha256,
    ...(doc.file.type ? { mediaType: doc.file.type } : {}),
  });
  const { status, body } = await uploadWithProgress(`/api/v1/requests/${request.id}/attachments?${query}`, doc.file, onProgress, {
    method: 'POST',
    headers: { 'if-match': ifMatch(request.version) },
  });
  if (status < 200 || status >= 300) throw toProblem(status, body);
  return body as Attachment;
}

/** Attaching a document (a mutation): uploaded with progress, then the request's documents refreshed. */
export function useAttachDocument(request: RequestDto) {
  const changed = useDocumentsChanged(request.id);
  return useMutation({
    mutationFn: ({ doc, onProgress }: { doc: NewDocument; onProgress: (f: number) => void }) => uploadAttachment(request, doc, onProgress),
    onSuccess: changed,
  });
}

/** After a document was attached or removed: the request (its version), its documents and history. */
export function useDocumentsChanged(requestId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: queryKeys.request(requestId) });
    void qc.invalidateQueries({ queryKey: queryKeys.attachments(requestId) });
    void qc.invalidateQueries({ queryKey: queryKeys.events(requestId) });
  };
}

export function useRemoveAttachment(request: RequestDto) {
  const changed = useDocumentsChanged(request.id);
  return useMutation({
    mutationFn: (attachmentId: string) =>
      call(
        api.DELETE('/api/v1/requests/{id}/attachments/{attachmentId}', {
          params: { path: { id: request.id, attachmentId }, header: { 'If-Match': ifMatch(request.version) } },
        }),
      ),
    onSuccess: changed,
  });
}

/** Downloading the letter (a mutation): fetched, then saved by the browser under the request's reference. */
export function useLetterDownload(request: Pick<RequestDto, 'id' | 'reference'>) {
  return useMutation({
    mutationFn: async (lang: 'en' | 'vi') => {
      const letter = await fetchLetter(request.id, lang);
      const url = URL.createObjectURL(letter.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${request.reference}-${lang}.pdf`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { lang, frozen: letter.frozen, sha256: letter.sha256 };
    },
  });
}

/** The letter of request as a PDF: whether it is the letter as sent (frozen) and its SHA-256, from the headers. */
export async function fetchLetter(requestId: string, lang: 'en' | 'vi'): Promise<{ blob: Blob; frozen: boolean; sha256: string }> {
  const res = await fetch(`/api/v1/requests/${requestId}/letter?lang=${lang}`, { credentials: 'same-origin' });
  if (!res.ok) throw toProblem(res.status, await res.json().catch(() => null));
  return { blob: await res.blob(), frozen: res.headers.get('x-letter-frozen') === 'true', sha256: res.headers.get('x-content-sha256') ?? '' };
}
