export { SignInPage } from './routes/SignInPage';
export { useSignOut } from './api/session';
export { authMessages } from './i18n';
export { ChangePasswordDialog } from './components/ChangePasswordDialog';
export { StepUpHost } from './components/StepUpHost';
