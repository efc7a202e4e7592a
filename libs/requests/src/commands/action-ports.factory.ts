import type { EntityManager } from 'typeorm';
import type { ActionPorts } from '../domain/actions';

/**
 * The ports a business rule uses, bound to a command's transaction (null: no transaction, a
 * creation's checks). Implemented by the repositories (`request-action-ports.ts`) and
 * provided by the module, so that the pipeline imports no sibling folder.
 */
export abstract class ActionPortsFactory {
  abstract bind(m: EntityManager | null): ActionPorts;
}
