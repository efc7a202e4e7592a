import { useQuery } from '@tanstack/react-query';
import { api, call, type RequestDto } from '@/lib/api/client';
import { POLL_MS, queryKeys } from '@/lib/api/hooks';
import { crossesNodes } from '@/lib/federation';

/**
 * A request's federation messages (GET /requests/:id/transmissions), refreshed as the request
 * page is: asked only of a request with a counterpart on another node (PEER), the only kind
 * that has any.
 */
export function useTransmissions(request: RequestDto) {
  return useQuery({
    queryKey: [...queryKeys.request(request.id), 'transmissions'],
    queryFn: () => call(api.GET('/api/v1/requests/{id}/transmissions', { params: { path: { id: request.id } } })),
    enabled: crossesNodes(request),
    refetchInterval: POLL_MS,
  });
}

/**
 * The request's files that cross between the hubs (GET /requests/:id/peer-files): those the
 * other hub sent (arriving, received, failed) and those this hub offered it; asked only of a
 * request with a PEER side, refreshed as the page is.
 */
export function usePeerFiles(request: RequestDto | undefined) {
  return useQuery({
    queryKey: [...queryKeys.request(request?.id ?? ''), 'peer-files'],
    queryFn: () => call(api.GET('/api/v1/requests/{id}/peer-files', { params: { path: { id: request?.id ?? '' } } })),
    enabled: !!request && crossesNodes(request),
    refetchInterval: POLL_MS,
  });
}
