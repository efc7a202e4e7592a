import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '@/lib/api/client';

export type CalendarYear = Schemas['CalendarYearDto'];

/** The countries the requirements file lists (GET /countries): the picker's choices. */
export function useCountries() {
  return useQuery({
    queryKey: ['countries'],
    queryFn: () => call(api.GET('/api/v1/countries', {})),
    staleTime: 10 * 60_000,
    select: (list) => list.items.map((c) => ({ code: c.code, name: c.name })),
  });
}

/** A country's years with an announced schedule, the one in force for each. */
export function useCalendar(code: string | null) {
  return useQuery({
    queryKey: ['calendar', code],
    queryFn: () => call(api.GET('/api/v1/countries/{code}/calendars', { params: { path: { code: code as string } } })),
    enabled: Boolean(code),
  });
}

/** PUT /countries/:code/calendars/:year (ADMIN): sets or replaces a year; the country's deadlines in business days are recomputed. */
export function useSetCalendarYear(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: Schemas['SetCalendarYearDto'] }) =>
      call(api.PUT('/api/v1/countries/{code}/calendars/{year}', { params: { path: { code, year } }, body })),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['calendar', code] }), qc.invalidateQueries({ queryKey: ['audit'] })]),
  });
}
