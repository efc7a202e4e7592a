import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppException, IS_PUBLIC } from '@mla/core';
import type { Principal, Role } from '../principal';
import { DURING_ENROLMENT_KEY, ROLES_KEY, STEP_UP_KEY } from './auth.decorators';
import { Authenticator } from './authenticator';
import { StepUp } from './step-up';

/**
 * Global guard: every route needs a live session (bearer token or the console's cookie,
 * see Authenticator) unless marked @Public(); a route marked @Roles(...) answers 403 to the
 * other roles. A session whose user must still enrol a second factor serves only the routes
 * marked @DuringEnrolment() (403 MFA_ENROLMENT_REQUIRED); a route marked @StepUpRequired()
 * needs the factor given recently (403 STEP_UP_REQUIRED).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly reflector: Reflector,
    private readonly stepUp: StepUp,
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
    if (principal.mfa?.enrolmentRequired && !this.reflector.getAllAndOverride<boolean>(DURING_ENROLMENT_KEY, targets)) {
      throw new AppException('MFA_ENROLMENT_REQUIRED', 'Your role needs a second factor: enrol one first (POST /api/v1/me/mfa/totp, or a passkey)');
    }
    const stepUp = this.reflector.getAllAndOverride<true | string[] | undefined>(STEP_UP_KEY, targets);
    if (stepUp === true) this.stepUp.assert(principal);
    else if (stepUp) {
      const action = (request.body as { action?: unknown } | undefined)?.action;
      if (typeof action === 'string' && stepUp.includes(action)) this.stepUp.assert(principal, `The action ${action}`);
    }
    return true;
  }
}
