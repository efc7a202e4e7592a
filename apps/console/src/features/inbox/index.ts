export { InboxPage } from './routes/InboxPage';
export { UnreadCount } from './components/UnreadCount';
export { inboxMessages } from './i18n';
