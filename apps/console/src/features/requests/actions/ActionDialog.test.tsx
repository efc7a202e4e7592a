import openapiText from '@docs/openapi.json?raw';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import type { RequestAction, RequestDto } from '@/lib/api/client';
import { renderIn } from '@/test/render';
import { ActionDialog } from '../components/ActionDialog';

interface Schema {
  properties?: Record<string, unknown>;
  required?: string[];
}
const doc = JSON.parse(openapiText) as { paths: Record<string, any>; components: { schemas: Record<string, Schema> } };
const body = doc.paths['/api/v1/requests/{id}/transitions'].post.requestBody.content['application/json'].schema as {
  oneOf: { $ref: string }[];
  discriminator: { propertyName: string; mapping: Record<string, string> };
};
/** What the committed OpenAPI document says each action takes: its oneOf schema's properties but `action`. */
const published = Object.entries(body.discriminator.mapping).map(([action, ref]) => {
  const schema = doc.components.schemas[ref.split('/').pop() as string] as Schema;
  return { action: action as RequestAction, fields: Object.keys(schema.properties ?? {}).filter((f) => f !== 'action'), required: schema.required ?? [] };
});

/** The one input the dialog does not offer: the officer who handles a request is assigned by a supervisor (supervision's reassignment). */
// transmission and recordedFrom: for an authority on no MLA Hub, offered by their own components (TransmissionFields, RecordActDialog).
const NOT_OFFERED = ['assigneeId', 'transmission', 'recordedFrom'];

const request = {
  id: '00000000-0000-4000-8000-000000000001',
  reference: 'VN-2026-000001',
  version: 3,
  state: 'PRESERVED',
  type: 'PRESERVATION',
  preservedUntil: '2027-01-31T15:59:59.999Z',
  preservationExtensions: 0,
  preservationWindow: { from: '2027-02-01', to: '2027-03-02', timezone: 'Asia/Singapore' },
  requestingAuthority: { id: 'a', code: 'VN-CA', name: 'VN', country: 'VN', timezone: 'Asia/Ho_Chi_Minh' },
  requestedAuthority: { id: 'b', code: 'SG-CA', name: 'SG', country: 'SG', timezone: 'Asia/Singapore' },
  allowedActions: [],
  deadlines: [],
  missing: [],
  mayReadAccessLog: false,
} as unknown as RequestDto;

/** The label a field is shown under. */
function labelOf(field: string): string {
  if (field === 'followUpRequestId') return i18n.t('requests:dialog.followUp');
  if (field === 'items') return i18n.t('common:field.description');
  // send's own dialog: seal or signed copy (SendDialog).
  if (field === 'signedLetter') return i18n.t('requests:signed.choose');
  return i18n.t(`common:field.${field}`);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the action dialog builds its inputs from the OpenAPI oneOf of the transitions body', () => {
  it('publishes one schema per action a client takes, keyed by action', () => {
    expect(body.discriminator.propertyName).toBe('action');
    expect(published.map((p) => p.action)).toEqual(expect.arrayContaining(['return', 'acknowledge', 'confirm_preservation', 'refuse', 'close', 'deliver_evidence']));
    expect(published.map((p) => p.action)).not.toContain('expire');
  });

  it.each(published.map((p) => [p.action, p] as const))('%s: every input it names is offered, under its label, marked required as published', async (action, p) => {
    await renderIn(<ActionDialog action={action} request={request} onClose={() => {}} onReload={() => {}} />);
    await screen.findByRole('dialog');
    for (const field of p.fields) {
      if (NOT_OFFERED.includes(field)) {
        expect(screen.queryByLabelText(new RegExp(`^${escape(labelOf(field))}`))).toBeNull();
        continue;
      }
      const input = screen.getAllByLabelText(new RegExp(`^${escape(labelOf(field))}`))[0] as HTMLElement;
      expect([action, field, Boolean(input)]).toEqual([action, field, true]);
      if (field !== 'items' && field !== 'final') expect([action, field, input.hasAttribute('required') || input.getAttribute('aria-required') === 'true']).toEqual([action, field, p.required.includes(field)]);
    }
    if (p.fields.length === 0) expect(screen.getByText(i18n.t('requests:dialog.noInput'))).toBeTruthy();
  });
});
