import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

/**
 * The client a limit counts: `request.ip` (the socket's peer, or the address a trusted
 * proxy forwarded: TRUST_PROXY), an IPv4 address or the /64 of an IPv6 address (one
 * subscriber usually holds a whole /64).
 */
export function clientKey(request: Pick<FastifyRequest, 'ip'>): string {
  try {
    return normalizeIP(request.ip || 'unknown', 64);
  } catch {
    return String(request.ip || 'unknown').slice(0, 64);
  }
}
