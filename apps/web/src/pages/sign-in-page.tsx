import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { authApi } from '../api/endpoints';

/** Signed out: sign-in is a full-page trip to the IdP that comes back to the page the person was on. */
export function SignInPage() {
  const returnTo = `/${window.location.hash}`;
  return (
    <Box padding="xxxl">
      <Container header={<Header variant="h1">Mosaic Contingency</Header>}>
        <SpaceBetween size="m">
          <Box>Sign in with your company account to upload, approve and follow contingency trades.</Box>
          <Button variant="primary" href={authApi.signInUrl(returnTo)}>
            Sign in
          </Button>
        </SpaceBetween>
      </Container>
    </Box>
  );
}
