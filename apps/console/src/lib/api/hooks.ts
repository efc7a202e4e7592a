import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, callConditional, type Authority, type Me, type RequestDto } from './client';

/** Lists and the request page refresh by themselves within 5 s. */
export const POLL_MS = 5000;

export const queryKeys = {
  me: ['me'] as const,
  authorities: ['authorities'] as const,
  request: (id: string) => ['request', id] as const,
  requests: (filters: object) => ['requests', filters] as const,
  requestsAll: ['requests'] as const,
  events: (id: string) => ['request', id, 'events'] as const,
  evidence: (id: string) => ['request', id, 'evidence'] as const,
  attachments: (id: string) => ['request', id, 'attachments'] as const,
  notifications: (filters: object) => ['notifications', filters] as const,
  notificationsAll: ['notifications'] as const,
};

/** The signed-in user, or null when the session is missing or expired. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: queryKeys.me,
    queryFn: async () => {
      const res = await api.GET('/api/v1/me');
      if (res.response.status === 401) return null;
      return call(Promise.resolve(res));
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** Every authority (names, countries, time zones): rarely changes. */
export function useAuthorities(enabled = true) {
  return useQuery({
    queryKey: queryKeys.authorities,
    queryFn: () => call(api.GET('/api/v1/authorities', {})),
    staleTime: 5 * 60_000,
    enabled,
    select: (list) => list.items as Authority[],
  });
}

/**
 * An authority named in the user's language: its name in that language from the directory
 * (`names`), else the name the request carries (while the directory loads, or for a language
 * it has no name in).
 */
export function useAuthorityName(): (a: { id: string; name: string }) => string {
  const { i18n } = useTranslation();
  const authorities = useAuthorities();
  const lang = i18n.language;
  return useCallback((a) => authorities.data?.find((x) => x.id === a.id)?.names?.[lang] ?? a.name, [authorities.data, lang]);
}

export function useRequest(id: string | undefined, options: { poll?: boolean } = {}) {
  const qc = useQueryClient();
  const key = queryKeys.request(id ?? '');
  return useQuery<RequestDto>({
    queryKey: key,
    queryFn: () =>
      callConditional(key, qc.getQueryData<RequestDto>(key), (header) => api.GET('/api/v1/requests/{id}', { params: { path: { id: id as string }, header } })),
    enabled: Boolean(id),
    refetchInterval: options.poll === false ? false : POLL_MS,
  });
}

/** What a requested country requires of a request (GET /countries/:code: its rules with their sources, the labels of its extra fields). */
export function useCountry(code: string | undefined) {
  return useQuery({
    queryKey: ['country', code],
    queryFn: () => call(api.GET('/api/v1/countries/{code}', { params: { path: { code: code as string } } })),
    enabled: Boolean(code),
    staleTime: 10 * 60_000,
    retry: false,
  });
}
