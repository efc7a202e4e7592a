import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, call, callConditional, ifMatch, toProblem, type RequestAction, type RequestDto, type Schemas, type TransitionRequest } from '@/lib/api/client';
import { POLL_MS, queryKeys } from '@/lib/api/hooks';
import type { operations } from '@/lib/api/schema';
import { uploadWithProgress } from '@/lib/sha256';

export interface ListFilters {
  state?: string[];
  type?: string;
  priority?: string;
  direction?: 'incoming' | 'outgoing';
  counterpartCountry?: string;
  overdue?: boolean;
  q?: string;
  cursor?: string;
}

type ListQuery = NonNullable<operations['RequestsController_list']['parameters']['query']>;

export function useRequestList(filters: ListFilters, limit = 25) {
  return useQuery({
    queryKey: queryKeys.requests({ ...filters, limit }),
    queryFn: () =>
      call(
        api.GET('/api/v1/requests', {
          params: {
            query: {
              ...filters,
              state: filters.state && filters.state.length > 0 ? filters.state : undefined,
              limit,
            } as ListQuery,
          },
          querySerializer: { array: { style: 'form', explode: false } },
        }),
      ),
    refetchInterval: POLL_MS,
    placeholderData: (previous) => previous,
  });
}

export function useEvents(id: string) {
  const qc = useQueryClient();
  const key = queryKeys.events(id);
  return useQuery({
    queryKey: key,
    queryFn: () =>
      callConditional(key, qc.getQueryData<Schemas['EventListDto']>(key), (header) =>
        api.GET('/api/v1/requests/{id}/events', { params: { path: { id }, query: { limit: 100 }, header } }),
      ),
    refetchInterval: POLL_MS,
  });
}

export function useVerify(id: string) {
  return useQuery({
    queryKey: [...queryKeys.events(id), 'verify'],
    queryFn: () => call(api.GET('/api/v1/requests/{id}/events/verify', { params: { path: { id } } })),
    enabled: false,
  });
}

export function useEvidence(id: string) {
  const qc = useQueryClient();
  const key = queryKeys.evidence(id);
  return useQuery({
    queryKey: key,
    queryFn: () =>
      callConditional(key, qc.getQueryData<Schemas['EvidenceListDto']>(key), (header) => api.GET('/api/v1/requests/{id}/evidence', { params: { path: { id }, header } })),
    refetchInterval: POLL_MS,
  });
}

export type TransitionBody = Omit<Schemas['TransitionDto'], 'action'>;

/** Takes an action on the version the user saw (If-Match): a 412 says someone else changed it. */
export function useTransition(request: RequestDto) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, body, key }: { action: RequestAction; body: TransitionBody; key: string }) =>
      call(
        api.POST('/api/v1/requests/{id}/transitions', {
          params: { path: { id: request.id }, header: { 'If-Match': ifMatch(request.version), 'Idempotency-Key': key } },
          body: { action, ...body } as TransitionRequest,
        }),
      ),
    onSuccess: (updated) => {
      qc.setQueryData(queryKeys.request(request.id), updated);
      void qc.invalidateQueries({ queryKey: queryKeys.events(request.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.evidence(request.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.requestsAll });
      void qc.invalidateQueries({ queryKey: queryKeys.notificationsAll });
    },
  });
}

export function useDeleteDraft(request: RequestDto) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call(api.DELETE('/api/v1/requests/{id}', { params: { path: { id: request.id }, header: { 'If-Match': ifMatch(request.version) } } })),
    onSuccess: () => {
      qc.removeQueries({ queryKey: queryKeys.request(request.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.requestsAll });
    },
  });
}

/** Uploads an evidence item's file (application/octet-stream) with progress; answers the verified item. */
export async function uploadEvidence(requestId: string, itemId: string, file: File, onProgress: (f: number) => void): Promise<Schemas['EvidenceItemDto']> {
  const { status, body } = await uploadWithProgress(`/api/v1/requests/${requestId}/evidence/${itemId}/content`, file, onProgress);
  if (status < 200 || status >= 300) throw toProblem(status, body);
  return body as Schemas['EvidenceItemDto'];
}

/** One file of a delivery: its item number in the delivery, and how its upload goes. */
export interface FileUpload {
  itemNo: number;
  file: File;
  onProgress: (fraction: number) => void;
  onVerified: (verified: Schemas['EvidenceItemDto']) => void;
  onFailed: (error: unknown) => void;
}

/** After deliver_evidence: each FILE item's content uploaded to the item the delivery created (each outcome reported on its own). */
export function useUploadDelivery(requestId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ deliveryNo, files }: { deliveryNo: number; files: FileUpload[] }) => {
      const list = await call(api.GET('/api/v1/requests/{id}/evidence', { params: { path: { id: requestId } } }));
      const delivered = list.items.filter((e) => e.deliveryNo === deliveryNo);
      await Promise.all(
        files.map(async (f) => {
          try {
            const target = delivered.find((e) => e.itemNo === f.itemNo);
            if (!target) throw new ApiProblem(0, 'NOT_FOUND', `item ${f.itemNo} of delivery ${deliveryNo}`);
            f.onVerified(await uploadEvidence(requestId, target.id, f.file, f.onProgress));
          } catch (error) {
            f.onFailed(error);
          }
        }),
      );
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.evidence(requestId) }),
  });
}


/**
 * Who read a confidential request (GET /requests/:id/access-log). Not polled: each read of the
 * log is itself recorded in it.
 */
export function useAccessLog(id: string, cursor: string | undefined) {
  return useQuery({
    queryKey: ['request', id, 'access-log', cursor ?? null],
    queryFn: () => call(api.GET('/api/v1/requests/{id}/access-log', { params: { path: { id }, query: { cursor, limit: 25 } } })),
    placeholderData: (previous) => previous,
  });
}
