import { commonEn, commonVi } from '../../../apps/console/src/lib/i18n/common';
import { appMessages } from '../../../apps/console/src/app/i18n';
import { authMessages } from '../../../apps/console/src/features/auth/i18n';
import { inboxMessages } from '../../../apps/console/src/features/inbox/i18n';
import { requestsMessages } from '../../../apps/console/src/features/requests/i18n';
import { writerMessages } from '../../../apps/console/src/features/writer/i18n';
import { queuesMessages } from '../../../apps/console/src/features/queues/i18n';
import { supervisionMessages } from '../../../apps/console/src/features/supervision/i18n';
import { adminMessages } from '../../../apps/console/src/features/admin/i18n';
import { calendarsMessages } from '../../../apps/console/src/features/calendars/i18n';
import { counterpartsMessages } from '../../../apps/console/src/features/requests/counterparts/i18n';
import { evidenceMessages } from '../../../apps/console/src/features/requests/evidence-i18n';
import { transmissionsMessages } from '../../../apps/console/src/features/requests/transmissions/i18n';

export type Lang = 'en' | 'vi';

const bundles: Record<string, Record<Lang, object>> = {
  common: { en: commonEn, vi: commonVi },
  app: appMessages,
  auth: authMessages,
  inbox: inboxMessages,
  requests: requestsMessages,
  writer: writerMessages,
  queues: queuesMessages,
  supervision: supervisionMessages,
  admin: adminMessages,
  calendars: calendarsMessages,
  counterparts: counterpartsMessages,
  evidence: evidenceMessages,
  transmissions: transmissionsMessages,
};

/**
 * The console's own words (its message files), so that the browser tests find controls by
 * the label a person reads, in either language: `tr('vi', 'common:action.send')`.
 */
export function tr(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key];
  let node: unknown = bundles[ns]?.[lang];
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') {
    // field keys may themselves contain a dot (offence.description)
    const [head, ...rest] = path.split('.');
    const tail = rest.join('.');
    const value = (bundles[ns]?.[lang] as Record<string, Record<string, unknown>> | undefined)?.[head as string]?.[tail];
    if (typeof value !== 'string') throw new Error(`no message ${lang}:${key}`);
    node = value;
  }
  return (node as string).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));
}
