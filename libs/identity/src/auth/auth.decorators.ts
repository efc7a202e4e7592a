import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from '../principal';

export const ROLES_KEY = 'mla:roles';
/** Restricts a route to the given roles; others answer 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const DURING_ENROLMENT_KEY = 'mla:during-enrolment';
/** The route serves a session whose user must still enrol a second factor (DESIGN §16): sign-out, /me, the enrolment itself. */
export const DuringEnrolment = () => SetMetadata(DURING_ENROLMENT_KEY, true);

export const STEP_UP_KEY = 'mla:step-up';
/** The route needs the second factor given on this session within MFA_STEP_UP_SECONDS, for a user who has one (403 STEP_UP_REQUIRED). */
export const StepUpRequired = () => SetMetadata(STEP_UP_KEY, true);
/** As StepUpRequired, for a body whose `action` is one of these (POST /requests/:id/transitions: send, deliver_evidence). */
export const StepUpForActions = (...actions: string[]) => SetMetadata(STEP_UP_KEY, actions);

/** The authenticated caller of this request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentUser used on a public route');
  return request.principal;
});
