import { Anchor, AppShell, Burger, Button, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ChangePasswordDialog, StepUpHost, useSignOut } from '@/features/auth';
import { UnreadCount } from '@/features/inbox';
import type { Me } from '@/lib/api/client';
import { useMe } from '@/lib/api/hooks';
import { takeSessionExpired } from '@/lib/api/session-state';
import { applyLanguage, languageForUser } from '@/lib/i18n';
import { LanguageSwitch } from './LanguageSwitch';

interface NavItem {
  to: string;
  label: string;
  external?: boolean;
}

function navFor(me: Me, t: (k: string) => string): NavItem[] {
  switch (me.role) {
    case 'PROSECUTOR':
      return [
        { to: '/requests', label: t('nav.myRequests') },
        { to: '/requests/new', label: t('nav.newRequest') },
        { to: '/calendars', label: t('nav.calendars') },
        { to: '/inbox', label: t('nav.inbox') },
      ];
    case 'OFFICER':
      return [
        { to: '/queues/review', label: t('nav.review') },
        { to: '/queues/incoming', label: t('nav.incoming') },
        { to: '/queues/to-chase', label: t('nav.toChase') },
        { to: '/requests/received', label: t('nav.receivedOnPaper') },
        { to: '/requests', label: t('nav.allRequests') },
        { to: '/calendars', label: t('nav.calendars') },
        { to: '/inbox', label: t('nav.inbox') },
      ];
    case 'SUPERVISOR':
      return [
        { to: '/supervision', label: t('nav.overdue') },
        { to: '/supervision/stats', label: t('nav.stats') },
        { to: '/requests', label: t('nav.allRequests') },
        { to: '/manage/deliveries', label: t('nav.deliveries') },
        { to: '/manage/audit', label: t('nav.audit') },
        { to: '/manage/peers', label: t('nav.peers') },
        { to: '/calendars', label: t('nav.calendars') },
        { to: '/inbox', label: t('nav.inbox') },
      ];
    default:
      return [
        { to: '/manage/authorities', label: t('nav.authorities') },
        { to: '/manage/directory', label: t('nav.directory') },
        { to: '/manage/users', label: t('nav.users') },
        { to: '/manage/peers', label: t('nav.peers') },
        { to: '/manage/deliveries', label: t('nav.deliveries') },
        { to: '/manage/audit', label: t('nav.audit') },
        { to: '/calendars', label: t('nav.calendars') },
        { to: '/admin/queues', label: t('nav.queueBoard'), external: true },
      ];
  }
}

export function homeFor(me: Me): string {
  return { PROSECUTOR: '/requests', OFFICER: '/queues/incoming', SUPERVISOR: '/supervision', ADMIN: '/manage/authorities' }[me.role] ?? '/inbox';
}

/** Signed-in screens: header (inbox count, language, sign-out), navigation by role, the page. */
export function Layout() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const { t } = useTranslation('app');
  const [opened, { toggle, close }] = useDisclosure();
  const [changingPassword, setChangingPassword] = useState(false);
  const user = me.data;
  useEffect(() => {
    if (user) void applyLanguage(languageForUser(user.id, user.authority?.language));
  }, [user?.id]);
  useEffect(close, [location.pathname]);

  // The page starts loading (its chunk, its data) while the session is being read; only a
  // missing session sends the user to sign-in, with the way back.
  if (!me.isPending && !user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}${takeSessionExpired() ? '&expired=1' : ''}`} replace />;
  }
  // A role that must have a second factor enrols one before anything else (DESIGN §16).
  if (user?.mfaEnrolmentRequired && location.pathname !== '/security') return <Navigate to="/security" replace />;
  // While a second factor must be enrolled, the session serves nothing else: no navigation yet.
  const items = user && !user.mfaEnrolmentRequired ? navFor(user, t) : [];
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <Anchor href="#main" className="skip-link">
        {t('skip')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('menu')} />
            <Anchor component={Link} to="/" fw={800} fz="lg" c="blue.9" underline="never">
              MLA Hub
            </Anchor>
            {user && (
              <Text size="sm" c="dimmed" visibleFrom="md">
                {user.displayName} · {t(`common:role.${user.role}`)}
                {user.authority ? ` · ${user.authority.code}` : ''}
              </Text>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <UnreadCount enabled={Boolean(user) && user?.role !== 'ADMIN' && !user?.mfaEnrolmentRequired} />
            <LanguageSwitch userId={user?.id} />
            {user && (
              <Button variant="subtle" size="xs" component={Link} to="/security">
                {t('auth:mfa.security')}
              </Button>
            )}
            {user && (
              <Button variant="subtle" size="xs" onClick={() => setChangingPassword(true)}>
                {t('auth:changePassword.open')}
              </Button>
            )}
            {user && (
            <Button
              variant="default"
              size="xs"
              loading={signOut.isPending}
              onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })}
            >
              {t('auth:signOut')}
            </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        <ScrollArea>
          {items.map((item) =>
            item.external ? (
              <NavLink key={item.to} href={item.to} label={`${item.label} ↗`} />
            ) : (
              <NavLink key={item.to} component={RouterNavLink} to={item.to} end label={item.label} />
            ),
          )}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" component="main">
        <Outlet />
      </AppShell.Main>
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
      {user && <StepUpHost />}
    </AppShell>
  );
}
