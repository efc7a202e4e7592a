import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '@/lib/api/client';
import { POLL_MS, queryKeys } from '@/lib/api/hooks';

export function useNotifications(filters: { unread?: boolean; cursor?: string }) {
  return useQuery({
    queryKey: queryKeys.notifications(filters),
    queryFn: () =>
      call(api.GET('/api/v1/notifications', { params: { query: { unread: filters.unread || undefined, cursor: filters.cursor, limit: 25 } } })),
    refetchInterval: POLL_MS,
  });
}

/** The unread count of the header (up to 100, then "99+"). */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.notifications({ unread: true, count: true }),
    queryFn: () => call(api.GET('/api/v1/notifications', { params: { query: { unread: true, limit: 100 } } })),
    refetchInterval: POLL_MS,
    enabled,
    select: (page) => ({ count: page.items.length, more: Boolean(page.nextCursor) }),
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.notificationsAll }),
  });
}
