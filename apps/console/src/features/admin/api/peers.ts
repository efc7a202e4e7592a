import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '@/lib/api/client';
import { POLL_MS } from '@/lib/api/hooks';

const PEERS = ['peers'] as const;

/** This node's public description (GET /.well-known/mla-hub): its name, countries, URL and keys. */
export function useNodeDocument() {
  return useQuery({
    queryKey: ['node-document'],
    queryFn: () => call(api.GET('/.well-known/mla-hub')),
    staleTime: 5 * 60_000,
  });
}

/** The peers of this node (ADMIN, SUPERVISOR), refreshed by themselves: last contact and counts move. */
export function usePeers(enabled = true) {
  return useQuery({
    queryKey: PEERS,
    queryFn: () => call(api.GET('/api/v1/peers')),
    enabled,
    refetchInterval: POLL_MS,
  });
}

const refreshed = (qc: ReturnType<typeof useQueryClient>) => Promise.all([qc.invalidateQueries({ queryKey: PEERS }), qc.invalidateQueries({ queryKey: ['audit'] })]);

/** Adds a peer (ADMIN; the API may first ask for the admin's second factor: the step-up dialog, then sent again). */
export function useAddPeer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['AddPeerDto']) => call(api.POST('/api/v1/peers', { body })),
    onSuccess: () => refreshed(qc),
  });
}

/** Suspends, resumes or re-reads the keys of a peer (ADMIN, second factor as above). */
export function useUpdatePeer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdatePeerDto'] }) => call(api.PATCH('/api/v1/peers/{id}', { params: { path: { id } }, body })),
    // a refusal (already in that state) also means the list was stale
    onSettled: () => refreshed(qc),
  });
}

const UNDELIVERED = ['federation-messages', 'DEAD'] as const;

/** This node's messages to peers given up after the last attempt (GET /federation/messages?state=DEAD, ADMIN), refreshed by themselves. */
export function useDeadMessages(enabled = true) {
  return useQuery({
    queryKey: UNDELIVERED,
    queryFn: () => call(api.GET('/api/v1/federation/messages', { params: { query: { state: 'DEAD' } } })),
    enabled,
    refetchInterval: POLL_MS,
  });
}

/** Sends a DEAD message again (ADMIN, second factor: the step-up dialog when the API asks; audited). */
export function useRetryMessage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/federation/messages/{id}/retry', { params: { path: { id } } })),
    // a refusal (retried by someone else meanwhile) also means the list was stale
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: UNDELIVERED }), refreshed(qc)]),
  });
}
