import { Injectable } from '@nestjs/common';
import { AppConfig } from '@mla/core';
import { loadDeadlinePolicy } from './policy/deadline-policy.loader';
import type { DeadlinePolicy } from './policy/deadline-policy.types';

/** The deadline policy, loaded and validated once at boot (a bad file stops the boot). */
@Injectable()
export class DeadlinePolicyHolder {
  readonly policy: DeadlinePolicy;
  constructor(config: AppConfig) {
    this.policy = loadDeadlinePolicy(config.DEADLINE_POLICY_PATH);
  }
}
