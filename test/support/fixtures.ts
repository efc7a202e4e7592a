import type { TestApp } from './test-app';

export const USERS = {
  vnProsecutor: 'prosecutor@vn.example',
  vnOfficer: 'officer@vn.example',
  vnSupervisor: 'supervisor@vn.example',
  sgProsecutor: 'prosecutor@sg.example',
  sgOfficer: 'officer@sg.example',
  sgSupervisor: 'supervisor@sg.example',
  admin: 'admin@example.org',
} as const;

export type UserKey = keyof typeof USERS;

/** Bearer headers of every demo user. */
export async function loginAll(t: TestApp): Promise<Record<UserKey, string>> {
  const entries = await Promise.all(Object.entries(USERS).map(async ([k, email]) => [k, await t.login(email)] as const));
  return Object.fromEntries(entries) as Record<UserKey, string>;
}

export async function authorityId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.sql<{ id: string }>('SELECT id FROM authorities WHERE code = $1', [code]);
  if (!row) throw new Error(`no authority ${code}`);
  return row.id;
}

/** A complete draft body (submit-ready) of the given type, addressed to SG-CA. */
export function completeDraft(requestedAuthorityId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'SUBSCRIBER_INFO',
    priority: 'ROUTINE',
    channel: 'CENTRAL_AUTHORITY',
    legalBasis: 'ASEAN_MLAT_2004',
    requestedAuthorityId,
    title: 'Subscriber of the account used in an online fraud',
    offence: { description: 'Online fraud against 120 victims', provision: 'Penal Code art. 174' },
    facts: 'Victims transferred money after messages from the account.',
    measures: ['Produce the subscriber information of account X'],
    identifiers: [{ kind: 'IP_ADDRESS', value: '203.0.113.7', observedAt: '2026-11-01T10:00:00+07:00' }],
    ...overrides,
  };
}

/** Takes an action; throws with the problem body when it is not accepted. */
export async function act(t: TestApp, bearer: string, id: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await t.http.post(`/api/v1/requests/${id}/transitions`).set('authorization', bearer).send(body);
  if (res.status !== 200) throw new Error(`${String(body.action)} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

/** Creates a complete draft as the VN prosecutor; answers its id. */
export async function createDraft(t: TestApp, bearer: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await t.http.post('/api/v1/requests').set('authorization', bearer).send(body);
  if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}
