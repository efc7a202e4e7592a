/** Every BullMQ queue of MLA Hub, in one place (DESIGN §10). */
export const QUEUES = {
  deadlines: 'deadlines',
  notifications: 'notifications',
} as const;

/** Job names of the deadlines queue. */
export const DEADLINE_JOBS = {
  /** A deadline's next event (reminder, due, escalation) is due. */
  fire: 'fire',
  /** The periodic reconciler sweep. */
  reconcile: 'reconcile',
} as const;

/** Job names of the notifications queue. */
export const NOTIFICATION_JOBS = {
  /** Deliver one outbox row: inbox, then webhook. Job id = outbox id. */
  deliver: 'deliver',
} as const;
