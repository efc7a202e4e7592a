import { describe, expect, it } from 'vitest';
import { adminMessages } from '@/features/admin/i18n';
import { authMessages } from '@/features/auth/i18n';
import { calendarsMessages } from '@/features/calendars/i18n';
import { inboxMessages } from '@/features/inbox/i18n';
import { queuesMessages } from '@/features/queues/i18n';
import { requestsMessages } from '@/features/requests/i18n';
import { transmissionsMessages } from '@/features/requests/transmissions/i18n';
import { supervisionMessages } from '@/features/supervision/i18n';
import { writerMessages } from '@/features/writer/i18n';
import { commonEn, commonVi } from '@/lib/i18n/common';
import { appMessages } from './i18n';

const NAMESPACES: Record<string, { en: object; vi: object }> = {
  common: { en: commonEn, vi: commonVi },
  app: appMessages,
  auth: authMessages,
  inbox: inboxMessages,
  admin: adminMessages,
  calendars: calendarsMessages,
  queues: queuesMessages,
  requests: requestsMessages,
  transmissions: transmissionsMessages,
  supervision: supervisionMessages,
  writer: writerMessages,
};

/** Every leaf of a message tree, by key path. */
function leaves(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${k}/`) : [[`${prefix}${k}`, v] as [string, unknown]]));
}
const keys = (tree: object) => leaves(tree).map(([k]) => k);

describe('English and Vietnamese labels', () => {
  it.each(Object.entries(NAMESPACES))('%s: the same keys in both languages, every label a non-empty string', (_, { en, vi }) => {
    expect(keys(vi).sort()).toEqual(keys(en).sort());
    for (const tree of [en, vi]) expect(leaves(tree).filter(([, l]) => typeof l !== 'string' || l.trim() === '')).toEqual([]);
  });

  it('finds a key missing on one side', () => {
    expect(keys({ a: 'x', b: { c: 'y' } })).toEqual(['a', 'b/c']);
    expect(keys({ a: 'x' }).sort()).not.toEqual(keys({ a: 'x', b: { c: 'y' } }).sort());
  });
});
