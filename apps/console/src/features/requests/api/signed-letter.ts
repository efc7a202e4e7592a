import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, toProblem, type RequestDto, type Schemas } from '@/lib/api/client';
import { sha256Hex, uploadWithProgress } from '@/lib/sha256';
import { queryKeys } from '@/lib/api/hooks';
import { fetchLetter } from './documents';

export type SealCertificate = Schemas['SealCertificateDto'];

/** The language the letter is sent in, as the API says (`letterLanguage`: `send` renders it so). */
export function sentLetterLanguage(request: Pick<RequestDto, 'letterLanguage'>): 'en' | 'vi' {
  return request.letterLanguage;
}

/** The sealing certificate of an authority (null when it has none). */
export function useSealCertificate(authorityId: string | null | undefined) {
  return useQuery({
    queryKey: ['seal-certificate', authorityId],
    queryFn: async (): Promise<SealCertificate | null> => {
      const res = await api.GET('/api/v1/authorities/{id}/seal-certificate', { params: { path: { id: authorityId as string } } });
      if (res.response.status === 404) return null;
      if (!res.data) throw toProblem(res.response.status, res.error);
      return res.data;
    },
    enabled: Boolean(authorityId),
    staleTime: 60_000,
    retry: false,
  });
}

/** The letter to sign: the letter as the officer would send it today, and its SHA-256 (the signed copy is bound to it). */
export function useLetterToSign(request: RequestDto) {
  return useMutation({
    mutationFn: async () => {
      const lang = sentLetterLanguage(request);
      const letter = await fetchLetter(request.id, lang);
      const url = URL.createObjectURL(letter.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${request.reference}-${lang}-to-sign.pdf`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { lang, sha256: letter.sha256 };
    },
  });
}

/**
 * Uploads the signed copy, bound to the letter it signs; done once the request's new version
 * is read back (the send that follows names it in If-Match), its documents and history refreshed.
 */
export function useUploadSignedLetter(request: RequestDto) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, letterSha256, language }: { file: File; letterSha256: string; language: string }) => {
      const sha256 = await sha256Hex(file);
      const query = new URLSearchParams({ language, fileName: file.name, sha256, letterSha256, ...(file.type ? { mediaType: file.type } : {}) });
      const { status, body } = await uploadWithProgress(`/api/v1/requests/${request.id}/signed-letter?${query}`, file, () => undefined, {
        method: 'POST',
        headers: { 'if-match': ifMatch(request.version) },
      });
      if (status < 200 || status >= 300) throw toProblem(status, body);
      return body as Schemas['SignedLetterDto'];
    },
    onSuccess: async () => {
      void qc.invalidateQueries({ queryKey: queryKeys.attachments(request.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.events(request.id) });
      await qc.invalidateQueries({ queryKey: queryKeys.request(request.id) });
    },
  });
}
