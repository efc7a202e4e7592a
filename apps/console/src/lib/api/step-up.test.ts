import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setStepUpAsker, stepUpMiddleware } from './step-up';

const stepUpRequired = () => new Response(JSON.stringify({ code: 'STEP_UP_REQUIRED', status: 403 }), { status: 403, headers: { 'content-type': 'application/problem+json' } });
const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

function clientWith(answers: Response[]) {
  const seen: { method: string; url: string; body: string }[] = [];
  const fetchMock = vi.fn(async (request: Request) => {
    seen.push({ method: request.method, url: request.url, body: await request.text() });
    return answers.shift() as Response;
  });
  vi.stubGlobal('fetch', fetchMock);
  const client = createClient<any>({ baseUrl: 'http://console.test', fetch: (r: Request) => globalThis.fetch(r) });
  client.use(stepUpMiddleware);
  return { client, seen };
}

describe('step-up: a change answered STEP_UP_REQUIRED asks for the factor, then is sent again', () => {
  afterEach(() => {
    setStepUpAsker(null);
    vi.unstubAllGlobals();
  });

  it('sends the same change again once the factor is given; the caller sees the second answer', async () => {
    const { client, seen } = clientWith([stepUpRequired(), ok({ state: 'SENT' })]);
    const asked = vi.fn(async () => true);
    setStepUpAsker(asked);
    const res = await client.POST('/api/v1/requests/{id}/transitions', { params: { path: { id: 'r1' } }, body: { action: 'send' } });
    expect(asked).toHaveBeenCalledTimes(1);
    expect(res.data).toEqual({ state: 'SENT' });
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', 'http://console.test/api/v1/requests/r1/transitions', '{"action":"send"}'],
      ['POST', 'http://console.test/api/v1/requests/r1/transitions', '{"action":"send"}'],
    ]);
  });

  it('leaves the refusal when the person cancels, and never asks for another 403 or for a read', async () => {
    const { client, seen } = clientWith([stepUpRequired(), new Response(JSON.stringify({ code: 'FORBIDDEN' }), { status: 403 }), stepUpRequired()]);
    const asked = vi.fn(async () => false);
    setStepUpAsker(asked);
    const refused = await client.POST('/api/v1/users', { body: { email: 'a@b.c' } });
    expect(refused.response.status).toBe(403);
    expect((refused.error as { code: string }).code).toBe('STEP_UP_REQUIRED');
    await client.PATCH('/api/v1/users/{id}', { params: { path: { id: 'u' } }, body: { active: false } });
    await client.GET('/api/v1/me', {});
    expect(asked).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(3);
  });
});
