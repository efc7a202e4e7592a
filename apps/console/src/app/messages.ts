import { authMessages } from '@/features/auth';
import { inboxMessages } from '@/features/inbox';
import { addMessages } from '@/lib/i18n';
import { appMessages } from './i18n';

/** Every feature's messages, each in its own namespace (the lazy features add theirs when they load). */
export function registerMessages(): void {
  addMessages('app', appMessages);
  addMessages('auth', authMessages);
  addMessages('inbox', inboxMessages);
}
