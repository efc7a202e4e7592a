import { Injectable } from '@nestjs/common';
import { CountryRequirementsHolder } from '@mla/countries';
import { AuthoritiesRepository, UsersRepository } from '@mla/identity';
import { AttachmentsRepository } from '../attachments/attachments.repository';
import type { CommandName } from '../domain/request-commands';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { LetterRenderer } from '../letters/letter-renderer';
import { LettersRepository } from '../letters/letters.repository';
import { RequestsRepository } from '../requests.repository';
import { attachRule, removeAttachmentRule } from './rules/attachment.rule';
import type { CommandPlan, CommandRule } from './command.types';
import { recomputeDeadlinesRule } from './rules/calendar.rule';
import { closeRule, expireRule } from './rules/closing.rule';
import { reminderRule, escalationRule } from './rules/deadline-firing.rule';
import { deleteRule, editRule } from './rules/draft.rule';
import { deliverEvidenceRule } from './rules/evidence.rule';
import { acknowledgeRule, provideInfoRule, refuseRule, reportDelayRule, requestInfoRule, startExecutionRule } from './rules/execution.rule';
import { confirmPreservationRule, extendPreservationRule } from './rules/preservation.rule';
import { followUpSentRule, sendRule } from './rules/send.rule';
import { submitRule } from './rules/submit.rule';
import { extendDeadlineRule, reassignRule } from './rules/supervision.rule';

const NO_RULE: CommandRule = (): CommandPlan => ({});

/** The business rule of each command that has one (the rest is COMMAND_TABLE's data). */
@Injectable()
export class CommandRules {
  private readonly rules: Partial<Record<CommandName, CommandRule>>;

  constructor(
    users: UsersRepository,
    authorities: AuthoritiesRepository,
    requests: RequestsRepository,
    evidence: EvidenceRepository,
    attachments: AttachmentsRepository,
    letters: LettersRepository,
    renderer: LetterRenderer,
    countries: CountryRequirementsHolder,
  ) {
    this.rules = {
      submit: submitRule(countries, attachments),
      send: sendRule(renderer, letters),
      acknowledge: acknowledgeRule(users),
      confirm_preservation: confirmPreservationRule,
      extend_preservation: extendPreservationRule,
      start_execution: startExecutionRule(users),
      report_delay: reportDelayRule,
      request_info: requestInfoRule,
      provide_info: provideInfoRule,
      deliver_evidence: deliverEvidenceRule(evidence),
      close: closeRule(requests),
      refuse: refuseRule,
      expire: expireRule,
      edit: editRule(authorities, requests),
      delete: deleteRule,
      extend_deadline: extendDeadlineRule,
      reassign: reassignRule(users),
      follow_up_sent: followUpSentRule,
      deadline_reminder: reminderRule,
      deadline_overdue: escalationRule(users, 1),
      deadline_escalated: escalationRule(users, 2),
      recompute_deadlines: recomputeDeadlinesRule,
      attach: attachRule(attachments),
      remove_attachment: removeAttachmentRule(attachments),
    };
  }

  of(name: CommandName): CommandRule {
    return this.rules[name] ?? NO_RULE;
  }
}
