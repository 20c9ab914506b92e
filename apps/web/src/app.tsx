import AppLayout from '@cloudscape-design/components/app-layout';
import Box from '@cloudscape-design/components/box';
import SideNavigation, { type SideNavigationProps } from '@cloudscape-design/components/side-navigation';
import Spinner from '@cloudscape-design/components/spinner';
import TopNavigation from '@cloudscape-design/components/top-navigation';
import type { ReactNode } from 'react';
import { authApi } from './api/endpoints';
import type { Me } from './api/types';
import { ApiErrorAlert } from './components/api-error-alert';
import { TradeEventsProvider } from './hooks/trade-events';
import { useMe } from './hooks/use-me';
import { href, useLocation, type Location } from './lib/router';
import { ApiKeysPage } from './pages/api-keys-page';
import { AttentionPage } from './pages/attention-page';
import { AuditPage } from './pages/audit-page';
import { BatchPage } from './pages/batch-page';
import { BatchesPage } from './pages/batches-page';
import { FundsPage } from './pages/funds-page';
import { MfaPage } from './pages/mfa-page';
import { ReportsPage } from './pages/reports-page';
import { SignInPage } from './pages/sign-in-page';
import { TradeDetailPage } from './pages/trade-detail-page';
import { TradesPage } from './pages/trades-page';
import { UploadPage } from './pages/upload-page';

export function App() {
  const { me, error } = useMe();
  if (me === undefined && !error) return <Spinner size="large" />;
  if (error) return <ApiErrorAlert error={error} header="The console cannot reach the server" />;
  if (me === null) return <SignInPage />;
  if (me?.mfa === 'pending') return <MfaPage displayName={me.displayName} />;
  return (
    <TradeEventsProvider enabled>
      <Shell me={me ?? undefined} />
    </TradeEventsProvider>
  );
}

function Shell({ me }: { me: Me | undefined }) {
  const location = useLocation();
  const isAdmin = !!me?.roles.includes('admin');
  const items: SideNavigationProps.Item[] = [
    { type: 'link', text: 'Attention', href: href('/') },
    { type: 'link', text: 'Upload', href: href('/upload') },
    { type: 'link', text: 'Batches', href: href('/batches') },
    { type: 'link', text: 'Trades', href: href('/trades') },
    { type: 'divider' },
    { type: 'link', text: 'Hand-back report', href: href('/reports') },
    { type: 'link', text: 'Fund master', href: href('/funds') },
    ...(isAdmin
      ? ([
          {
            type: 'section',
            text: 'Administration',
            items: [
              { type: 'link', text: 'API keys', href: href('/admin/api-keys') },
              { type: 'link', text: 'Audit log', href: href('/admin/audit') },
            ],
          },
        ] satisfies SideNavigationProps.Item[])
      : []),
  ];
  const section = location.path.split('/')[1] ?? '';
  const active = section === 'admin' ? href(location.path) : href(`/${section}`);
  return (
    <>
      <div id="top-nav">
        <TopNavigation
          identity={{ href: href('/'), title: 'Mosaic Contingency' }}
          utilities={[
            {
              type: 'menu-dropdown',
              text: me?.displayName ?? 'Unknown user',
              description: me ? `${me.principal} · ${me.roles.join(', ') || 'no role'}` : undefined,
              iconName: 'user-profile',
              ariaLabel: `Signed in as ${me?.displayName ?? 'unknown'}`,
              items: [{ id: 'signout', text: 'Sign out' }],
              onItemClick: ({ detail }) => {
                if (detail.id === 'signout') void signOut();
              },
            },
          ]}
          i18nStrings={{
            overflowMenuTriggerText: 'More',
            overflowMenuTitleText: 'All',
            searchIconAriaLabel: 'Search',
            searchDismissIconAriaLabel: 'Close search',
          }}
        />
      </div>
      <AppLayout
        headerSelector="#top-nav"
        toolsHide
        navigation={
          <SideNavigation
            header={{ text: 'Contingency console', href: href('/') }}
            activeHref={active}
            items={items}
          />
        }
        ariaLabels={{
          navigation: 'Main navigation',
          navigationClose: 'Close navigation',
          navigationToggle: 'Open navigation',
        }}
        content={<Page location={location} me={me} />}
      />
    </>
  );
}

async function signOut(): Promise<void> {
  let next = '/';
  try {
    // With SAML Single Logout the gateway answers { redirect }: the IdP's logout URL.
    next = ((await authApi.logout()) as { redirect?: string } | undefined)?.redirect ?? '/';
  } finally {
    window.location.assign(next);
  }
}

function Page({ location, me }: { location: Location; me: Me | undefined }): ReactNode {
  const [, section, id, sub] = location.path.split('/');
  switch (section) {
    case '':
    case undefined:
      return <AttentionPage me={me} />;
    case 'upload':
      return <UploadPage />;
    case 'batches':
      return id ? <BatchPage key={id} batchId={id} me={me} /> : <BatchesPage params={location.params} />;
    case 'trades':
      return id ? <TradeDetailPage key={id} tradeId={id} me={me} /> : <TradesPage params={location.params} />;
    case 'reports':
      return <ReportsPage />;
    case 'funds':
      return <FundsPage me={me} />;
    case 'admin':
      return id === 'audit' ? <AuditPage /> : id === 'api-keys' && !sub ? <ApiKeysPage /> : <NotFound />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  return <Box variant="h1">Page not found</Box>;
}
