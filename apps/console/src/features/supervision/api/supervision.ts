import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, toProblem, type Schemas } from '@/lib/api/client';
import { POLL_MS, queryKeys } from '@/lib/api/hooks';
import type { operations } from '@/lib/api/schema';

export type OverdueQuery = NonNullable<operations['SupervisionController_listOverdue']['parameters']['query']>;
export type StatsQuery = NonNullable<operations['SupervisionController_getStats']['parameters']['query']>;

export function useOverdue(query: OverdueQuery) {
  return useQuery({
    queryKey: ['supervision', 'overdue', query],
    queryFn: () => call(api.GET('/api/v1/supervision/overdue', { params: { query: { ...query, limit: 50 } } })),
    refetchInterval: POLL_MS,
    placeholderData: (p) => p,
  });
}

/** The latest changes of accounts touching the supervisor's country (GET /audit on users, newest first). */
export function useAccountChanges() {
  return useQuery({
    queryKey: ['supervision', 'account-changes'],
    queryFn: () => call(api.GET('/api/v1/audit', { params: { query: { targetType: 'USER', limit: 10 } } })),
    refetchInterval: 30_000,
    placeholderData: (p) => p,
  });
}

export function useStats(query: StatsQuery) {
  return useQuery({
    queryKey: ['supervision', 'stats', query],
    queryFn: async () => (await call(api.GET('/api/v1/supervision/stats', { params: { query } }))) as Schemas['SupervisionStatsDto'],
    refetchInterval: 30_000,
    placeholderData: (p) => p,
  });
}

/** The statistics as CSV (Accept: text/csv), saved by the browser. */
export async function downloadStatsCsv(query: StatsQuery): Promise<void> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
  const res = await fetch(`/api/v1/supervision/stats?${params}`, { headers: { accept: 'text/csv' }, credentials: 'same-origin' });
  if (!res.ok) throw toProblem(res.status, await res.json().catch(() => null));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `mla-stats-${query.groupBy ?? 'counterpart'}-${query.from ?? ''}-${query.to ?? ''}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** The yearly report (GET /supervision/report?year=). */
export function useYearlyReport(year: string) {
  return useQuery({
    queryKey: ['supervision', 'report', year],
    queryFn: async () => (await call(api.GET('/api/v1/supervision/report', { params: { query: { year } } }))) as Schemas['SupervisionReportDto'],
    placeholderData: (p) => p,
  });
}

/** The yearly report as CSV (Accept: text/csv), saved by the browser. */
export async function downloadReportCsv(year: string): Promise<void> {
  const res = await fetch(`/api/v1/supervision/report?year=${encodeURIComponent(year)}`, { headers: { accept: 'text/csv' }, credentials: 'same-origin' });
  if (!res.ok) throw toProblem(res.status, await res.json().catch(() => null));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `mla-report-${year}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

export function useExtendDeadline() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { requestId: string; deadlineId: string; dueAt: string; reason: string }) =>
      call(
        api.POST('/api/v1/requests/{id}/deadlines/{deadlineId}/extensions', {
          params: { path: { id: v.requestId, deadlineId: v.deadlineId } },
          body: { dueAt: v.dueAt, reason: v.reason },
        }),
      ),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['supervision'] });
      qc.setQueryData(queryKeys.request(r.id), r);
    },
  });
}

export function useReassign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { requestId: string; assigneeId: string; reason: string }) =>
      call(api.POST('/api/v1/supervision/requests/{id}/assignee', { params: { path: { id: v.requestId } }, body: { assigneeId: v.assigneeId, reason: v.reason } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['supervision'] }),
  });
}
