import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppException, IS_PUBLIC } from '@mla/core';
import type { Principal, Role } from '../principal';
import { ROLES_KEY } from './auth.decorators';
import { Authenticator } from './authenticator';

/**
 * Global guard: every route needs a live session (bearer token or the console's cookie,
 * see Authenticator) unless marked @Public(); a route marked @Roles(...) answers 403 to the
 * other roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const principal = await this.authenticator.authenticate(request);
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw AppException.forbidden(`This operation is reserved to ${roles.join(', ')}; you are ${principal.role}`);
    }
    return true;
  }
}
