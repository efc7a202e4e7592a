import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/hooks';
import type { operations } from '@/lib/api/schema';

export function useCreateAuthority() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateAuthorityDto']) => call(api.POST('/api/v1/authorities', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.authorities }),
  });
}

export function useUpdateAuthority() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateAuthorityDto'] }) =>
      call(api.PATCH('/api/v1/authorities/{id}', { params: { path: { id } }, body })) as Promise<Schemas['AuthorityWithSecretDto']>,
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.authorities }),
  });
}

export type UsersQuery = NonNullable<operations['UsersController_list']['parameters']['query']>;

export function useUsers(query: UsersQuery) {
  return useQuery({
    queryKey: ['users', query],
    queryFn: () => call(api.GET('/api/v1/users', { params: { query: { ...query, limit: 50 } } })),
    placeholderData: (p) => p,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateUserDto']) => call(api.POST('/api/v1/users', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export type DeliveriesQuery = NonNullable<operations['WebhookDeliveriesController_list']['parameters']['query']>;

export function useDeliveries(authorityId: string | null, query: DeliveriesQuery) {
  return useQuery({
    queryKey: ['deliveries', authorityId, query],
    queryFn: () => call(api.GET('/api/v1/authorities/{authorityId}/webhook-deliveries', { params: { path: { authorityId: authorityId as string }, query: { ...query, limit: 50 } } })),
    enabled: Boolean(authorityId),
    refetchInterval: 5000,
  });
}

export function useRetryDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ authorityId, deliveryId }: { authorityId: string; deliveryId: string }) =>
      call(api.POST('/api/v1/authorities/{authorityId}/webhook-deliveries/{deliveryId}/retry', { params: { path: { authorityId, deliveryId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['deliveries'] }),
  });
}
