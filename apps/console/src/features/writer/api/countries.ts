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
