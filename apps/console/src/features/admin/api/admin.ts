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

/** An admin's change of a user (role, authority, active, password reset): every session of theirs ends. */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateUserDto'] }) => call(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['users'] }), qc.invalidateQueries({ queryKey: ['audit'] })]),
  });
}

/** An admin's reset of a user's second factor (DELETE /users/{id}/mfa; a step-up first when the API asks): every session of theirs ends. */
export function useResetMfa() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE('/api/v1/users/{id}/mfa', { params: { path: { id } } })),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['users'] }), qc.invalidateQueries({ queryKey: ['audit'] })]),
  });
}

export type AuditQuery = NonNullable<operations['AuditController_list']['parameters']['query']>;
export type AuditEntry = Schemas['AuditEntryDto'];

/** The admin audit, newest first (no polling: it changes only when an admin acts). */
export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => call(api.GET('/api/v1/audit', { params: { query: { ...query, limit: 25 } } })),
    placeholderData: (p) => p,
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
