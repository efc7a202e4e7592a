import { z } from 'zod';
import { transitionFields } from '@/lib/api/generated/api-values';
import type { RequestAction, RequestDto } from '@/lib/api/client';
import { isoDateInZone } from '@/lib/format';

/** One input of an action, as the OpenAPI `oneOf` of POST /requests/{id}/transitions names it. */
export interface ActionField {
  name: string;
  required: boolean;
  type: string;
  format?: string;
  maxLength?: number;
  enum?: readonly string[];
}

export type ActionValues = Record<string, string>;

/** How the dialog offers a field: derived from its schema, except where the console chooses a widget of its own. */
export type Widget = 'long' | 'text' | 'date' | 'choice' | 'followUp' | 'evidence' | 'none';

/**
 * The console's own choices: a preserved-until is offered as a day (the API also takes a
 * date-time); the follow-up is chosen from the request's history; the officer who handles a
 * request is assigned by a supervisor (supervision's reassignment), not in this dialog.
 */
const CHOSEN: Record<string, Widget> = {
  preservedUntil: 'date', followUpRequestId: 'followUp', assigneeId: 'none', items: 'evidence', final: 'evidence',
  // An authority on no MLA Hub (DESIGN §14): the send dialog's transmission and the recording dialog's letter are their own components.
  transmission: 'none', recordedFrom: 'none',
};

export function widgetOf(f: ActionField): Widget {
  const chosen = CHOSEN[f.name];
  if (chosen) return chosen;
  if (f.enum) return 'choice';
  if (f.format === 'date') return 'date';
  if (f.type === 'string' && f.maxLength !== undefined && f.maxLength <= 300) return 'text';
  return 'long';
}

/** The inputs an action takes (none for an action the API does not publish). */
export function fieldsOf(action: RequestAction): readonly ActionField[] {
  return (transitionFields as Record<string, readonly ActionField[]>)[action] ?? [];
}

/** The fields the dialog shows (the follow-up only when closing a PRESERVED request). */
export function shownFields(action: RequestAction, request: Pick<RequestDto, 'state'>): ActionField[] {
  return fieldsOf(action).filter((f) => {
    const w = widgetOf(f);
    if (w === 'none' || w === 'evidence') return false;
    return w !== 'followUp' || request.state === 'PRESERVED';
  });
}

/** A date field's window and what to say when a date falls outside it. */
export interface DateRule {
  min?: string;
  max?: string;
  message: string;
}

/**
 * The form's schema: required fields non-blank, lengths as the API bounds them, a date within
 * its window (a date outside is kept and named as such, never cleared); blank optional fields
 * are left out of the body.
 */
export function actionSchema(fields: readonly ActionField[], requiredMessage: string, dates: Record<string, DateRule> = {}): z.ZodType<ActionValues, ActionValues> {
  const shape: Record<string, z.ZodType<string>> = {};
  for (const f of fields) {
    let s = z.string().trim();
    if (f.maxLength !== undefined) s = s.max(f.maxLength);
    const base = f.required ? s.min(1, requiredMessage) : s;
    const rule = dates[f.name];
    shape[f.name] = rule
      ? base.refine((v) => v === '' || ((!rule.min || v.slice(0, 10) >= rule.min) && (!rule.max || v.slice(0, 10) <= rule.max)), rule.message)
      : base;
  }
  return z.object(shape) as unknown as z.ZodType<ActionValues, ActionValues>;
}

/** The body of the action: the non-blank values. */
export function actionBody(values: ActionValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, (v ?? '').trim()]).filter(([, v]) => v !== ''));
}

/** The days a date input offers: the preservation window the API answered, or from today for an expected date. */
export function dateBounds(action: RequestAction, field: string, request: RequestDto): { min?: string; max?: string } {
  if (field === 'preservedUntil') {
    const w = request.preservationWindow;
    return w ? { min: w.from, max: w.to } : {};
  }
  if (action === 'report_delay' && field === 'expectedBy') return { min: isoDateInZone(request.requestedAuthority.timezone) };
  return {};
}
