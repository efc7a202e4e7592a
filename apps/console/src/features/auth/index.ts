export { SignInPage } from './routes/SignInPage';
export { useSignOut } from './api/session';
export { authMessages } from './i18n';
