import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, idempotencyKey, ifMatch, type RequestDto, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/hooks';

type DraftBody = Schemas['CreateRequestDto'];

/** Saves the draft: POST the first time, then PATCH with the version last saved (If-Match). */
export function useSaveDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ current, body }: { current: RequestDto | null; body: DraftBody }): Promise<RequestDto> => {
      if (!current) {
        return call(api.POST('/api/v1/requests', { params: { header: { 'Idempotency-Key': idempotencyKey() } }, body }));
      }
      return call(
        api.PATCH('/api/v1/requests/{id}', {
          params: { path: { id: current.id }, header: { 'If-Match': ifMatch(current.version) } },
          body: body as Schemas['UpdateRequestDto'],
        }),
      );
    },
    onSuccess: (saved) => {
      qc.setQueryData(queryKeys.request(saved.id), saved);
      void qc.invalidateQueries({ queryKey: queryKeys.requestsAll });
    },
  });
}

export function useSubmitDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (current: RequestDto) =>
      call(
        api.POST('/api/v1/requests/{id}/transitions', {
          params: { path: { id: current.id }, header: { 'If-Match': ifMatch(current.version), 'Idempotency-Key': idempotencyKey() } },
          body: { action: 'submit' },
        }),
      ),
    onSuccess: (saved) => {
      qc.setQueryData(queryKeys.request(saved.id), saved);
      void qc.invalidateQueries({ queryKey: queryKeys.requestsAll });
    },
  });
}
