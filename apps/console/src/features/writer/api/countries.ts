import { useQuery } from '@tanstack/react-query';
import { api, call } from '@/lib/api/client';

/** What a requested country requires of a request (GET /countries/:code, data with its sources). */
export function useCountry(code: string | undefined) {
  return useQuery({
    queryKey: ['country', code],
    queryFn: () => call(api.GET('/api/v1/countries/{code}', { params: { path: { code: code as string } } })),
    enabled: Boolean(code),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

/** The documents already attached to the draft (the country may require a translation among them). */
export function useDraftDocuments(id: string | undefined) {
  return useQuery({
    queryKey: ['request', id, 'attachments'],
    queryFn: () => call(api.GET('/api/v1/requests/{id}/attachments', { params: { path: { id: id as string } } })),
    enabled: Boolean(id),
  });
}
