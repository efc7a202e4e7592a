export { SignInPage } from '@/features/auth';
export { InboxPage } from '@/features/inbox';
