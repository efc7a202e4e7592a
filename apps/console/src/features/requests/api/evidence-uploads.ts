import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, idempotencyKey, ifMatch, type RequestDto, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/hooks';
import { uploadEvidence } from './requests';

type EvidenceItem = Schemas['EvidenceItemDto'];

/**
 * Uploads (again) the file of an item whose file is missing: a clean retry of the whole file
 * (an upload cut off stores nothing), verified by the server against the declared SHA-256.
 */
export function useReupload(requestId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ item, file, onProgress }: { item: EvidenceItem; file: File; onProgress: (f: number) => void }) => uploadEvidence(requestId, item.id, file, onProgress),
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.evidence(requestId) }),
  });
}

/** The final delivery once every file of the delivery before it is verified: no items, "nothing more". */
export function useFinalDelivery(requestId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      call(
        api.POST('/api/v1/requests/{id}/transitions', {
          params: { path: { id: requestId }, header: { 'If-Match': ifMatch(version), 'Idempotency-Key': idempotencyKey() } },
          body: { action: 'deliver_evidence', final: true },
        }),
      ),
    onSuccess: (updated: RequestDto) => {
      qc.setQueryData(queryKeys.request(requestId), updated);
      for (const key of [queryKeys.events(requestId), queryKeys.evidence(requestId), queryKeys.requestsAll, queryKeys.notificationsAll]) void qc.invalidateQueries({ queryKey: key });
    },
  });
}
