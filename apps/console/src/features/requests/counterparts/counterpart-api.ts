import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch, toProblem, type RequestAction, type RequestDto, type Schemas, type TransitionRequest } from '@/lib/api/client';
import { POLL_MS, queryKeys } from '@/lib/api/hooks';
import { sha256Hex } from '@/lib/sha256';
import { uploadAttachment } from '../api/documents';

/** How a letter travels to or from an authority that works on no MLA Hub (DESIGN §14). */
export const TRANSMISSION_CHANNELS = ['DIPLOMATIC', 'CENTRAL_AUTHORITY_MAIL', 'EMAIL', 'INTERPOL', 'NETWORK_24_7', 'COURIER', 'OTHER'] as const;
export type TransmissionChannel = (typeof TRANSMISSION_CHANNELS)[number];

export interface Transmission {
  channel: TransmissionChannel;
  dispatchedAt: string;
  dispatchReference: string;
}

export interface LetterReceived {
  correspondenceDate: string;
  receivedAt: string;
  channel: TransmissionChannel;
  reference: string;
}

/** The counterpart of a request that works on no MLA Hub, if there is one. */
export function offlineCounterpart(r: Pick<RequestDto, 'requestingAuthority' | 'requestedAuthority'>) {
  if (r.requestedAuthority.reach === 'OFFLINE') return r.requestedAuthority;
  if (r.requestingAuthority.reach === 'OFFLINE') return r.requestingAuthority;
  return null;
}

function useRequestChanged(id: string) {
  const qc = useQueryClient();
  return (updated: RequestDto) => {
    qc.setQueryData(queryKeys.request(id), updated);
    void qc.invalidateQueries({ queryKey: queryKeys.events(id) });
    void qc.invalidateQueries({ queryKey: queryKeys.evidence(id) });
    void qc.invalidateQueries({ queryKey: queryKeys.attachments(id) });
    void qc.invalidateQueries({ queryKey: queryKeys.requestsAll });
  };
}

/**
 * Records an act of the counterpart from its letter: the scan is attached first (a
 * CORRESPONDENCE document, hashed in the browser and by the server), then the act is taken with
 * `recordedFrom` naming it, at the version the attachment left.
 */
export function useRecordAct(request: RequestDto) {
  const changed = useRequestChanged(request.id);
  return useMutation({
    mutationFn: async ({ act, inputs, letter, scan }: { act: RequestAction; inputs: Record<string, unknown>; letter: LetterReceived; scan: File }) => {
      const sha256 = await sha256Hex(scan);
      const doc = await uploadAttachment(request, { file: scan, sha256, kind: 'CORRESPONDENCE', language: 'en' }, () => undefined);
      return call(
        api.POST('/api/v1/requests/{id}/transitions', {
          params: { path: { id: request.id }, header: { 'If-Match': ifMatch(request.version + 1) } },
          body: { action: act, ...inputs, recordedFrom: { ...letter, documentId: doc.id } } as TransitionRequest,
        }),
      );
    },
    onSuccess: changed,
  });
}

/** Records one chaser sent. */
export function useChase(request: RequestDto) {
  const changed = useRequestChanged(request.id);
  return useMutation({
    mutationFn: (body: { channel: TransmissionChannel; dispatchedAt: string; reference: string }) =>
      call(api.POST('/api/v1/requests/{id}/chases', { params: { path: { id: request.id }, header: { 'If-Match': ifMatch(request.version) } }, body })),
    onSuccess: changed,
  });
}

/** Downloads the chaser PDF in a language. */
export function useChaserDownload(request: Pick<RequestDto, 'id' | 'reference'>) {
  return useMutation({
    mutationFn: async (lang: 'en' | 'vi') => {
      const res = await fetch(`/api/v1/requests/${request.id}/chaser?lang=${lang}`, { credentials: 'same-origin' });
      if (!res.ok) throw toProblem(res.status, await res.json().catch(() => null));
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${request.reference}-chaser-${lang}.pdf`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return lang;
    },
  });
}

/** "To chase": the requests whose chase interval has run out, the longest first. */
export function useToChase() {
  return useQuery({
    queryKey: [...queryKeys.requestsAll, 'to-chase'],
    queryFn: () => call(api.GET('/api/v1/requests/to-chase', { params: { query: { limit: 100 } } })),
    refetchInterval: POLL_MS,
  });
}

export type IncomingBody = Schemas['IncomingRequestDto'];

/** Registers a request received on paper. */
export function useRegisterIncoming() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: IncomingBody) => call(api.POST('/api/v1/requests/incoming', { body })),
    onSuccess: (created) => {
      qc.setQueryData(queryKeys.request(created.id), created);
      void qc.invalidateQueries({ queryKey: queryKeys.requestsAll });
    },
  });
}
