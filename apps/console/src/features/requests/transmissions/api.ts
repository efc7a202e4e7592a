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
