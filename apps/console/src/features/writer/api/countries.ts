import { useQuery } from '@tanstack/react-query';
import { api, call } from '@/lib/api/client';

/** The documents already attached to the draft (the country may require a translation among them). */
export function useDraftDocuments(id: string | undefined) {
  return useQuery({
    queryKey: ['request', id, 'attachments'],
    queryFn: () => call(api.GET('/api/v1/requests/{id}/attachments', { params: { path: { id: id as string } } })),
    enabled: Boolean(id),
  });
}
