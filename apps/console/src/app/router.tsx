import { Anchor, Stack, Text } from '@mantine/core';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate } from 'react-router';
import { InboxPage, SignInPage } from './eager';
import { homeFor, Layout } from './Layout';
import { LanguageSwitch } from './LanguageSwitch';
import { PageFailed } from './PageFailed';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '@/lib/api/client';
import { queryKeys, useMe } from '@/lib/api/hooks';

/** A lazily loaded screen (its own chunk: charts and the writer stay out of the first load). */
function load<T extends Record<string, unknown>>(loader: () => Promise<T>, name: keyof T) {
  const Lazy = lazy(async () => ({ default: (await loader())[name] as ComponentType }));
  return <Suspended><Lazy /></Suspended>;
}

function Suspended({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<Text>{t('loading')}</Text>}>{children}</Suspense>;
}

/**
 * Where a user lands: their role's home; an officer on the queue where their work is: the
 * requests of their country waiting in review when there are any, else the incoming ones.
 */
function Home() {
  const me = useMe();
  const officer = me.data?.role === 'OFFICER';
  const review = useQuery({
    queryKey: queryKeys.requests({ landing: 'review' }),
    queryFn: () =>
      call(api.GET('/api/v1/requests', { params: { query: { state: ['IN_REVIEW'], direction: 'outgoing', limit: 1 } }, querySerializer: { array: { style: 'form', explode: false } } })),
    enabled: officer,
  });
  if (!me.data) return null;
  if (!officer) return <Navigate to={homeFor(me.data)} replace />;
  if (review.isPending) return null;
  return <Navigate to={(review.data?.items.length ?? 0) > 0 ? '/queues/review' : '/queues/incoming'} replace />;
}

function NotFound() {
  const { t } = useTranslation('app');
  return (
    <Stack>
      <Text>{t('notFound')}</Text>
      <Anchor component={Link} to="/">
        {t('home')}
      </Anchor>
    </Stack>
  );
}

const requests = () => import('@/features/requests');
// The list alone: its first page shows without loading the request page's code.
const requestList = () => import('@/features/requests/list');
const writer = () => import('@/features/writer');
const queues = () => import('@/features/queues');
const supervision = () => import('@/features/supervision');
const admin = () => import('@/features/admin');
const calendars = () => import('@/features/calendars');
const security = () => import('@/features/auth/security');

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage languageSwitch={<LanguageSwitch />} /> },
  {
    path: '/',
    element: <Layout />,
    // A pathless route around every screen: a screen that fails shows PageFailed inside the layout.
    children: [
      {
        errorElement: <PageFailed />,
        children: [
          { index: true, element: <Home /> },
          { path: 'inbox', element: <InboxPage /> },
          { path: 'requests', element: load(requestList, 'RequestsListPage') },
          { path: 'requests/new', element: load(writer, 'WriterPage') },
          { path: 'requests/received', element: load(requests, 'IncomingOnPaperPage') },
          { path: 'requests/:id/edit', element: load(writer, 'WriterPage') },
          { path: 'requests/:id', element: load(requests, 'RequestPage') },
          { path: 'queues/review', element: load(queues, 'ReviewQueuePage') },
          { path: 'queues/incoming', element: load(queues, 'IncomingQueuePage') },
          { path: 'queues/to-chase', element: load(queues, 'ToChasePage') },
          { path: 'supervision', element: load(supervision, 'OverduePage') },
          { path: 'supervision/stats', element: load(supervision, 'StatsPage') },
          { path: 'manage/authorities', element: load(admin, 'AuthoritiesPage') },
          { path: 'manage/directory', element: load(admin, 'DirectoryPage') },
          { path: 'manage/users', element: load(admin, 'UsersPage') },
          { path: 'manage/deliveries', element: load(admin, 'DeliveriesPage') },
          { path: 'manage/audit', element: load(admin, 'AuditPage') },
          { path: 'manage/peers', element: load(admin, 'PeersPage') },
          { path: 'calendars', element: load(calendars, 'CalendarsPage') },
          { path: 'security', element: load(security, 'SecurityPage') },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
