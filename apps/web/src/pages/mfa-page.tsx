import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { authApi } from '../api/endpoints';
import { ApiErrorAlert } from '../components/api-error-alert';

// The TOTP step-up (mfa = 'pending'): kept apart from the rest of the console so it can change on its own.
export function MfaPage({ displayName }: { displayName: string }) {
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const verify = useMutation({
    mutationFn: () => authApi.verifyMfa(code.trim()),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['me'] }),
  });
  const enrol = useMutation({ mutationFn: () => authApi.enrolMfa() });
  return (
    <Box padding="xxxl">
      <Container
        header={
          <Header variant="h1" description={`Signed in as ${displayName}`}>
            Second factor
          </Header>
        }
      >
        <SpaceBetween size="l">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              verify.mutate();
            }}
          >
            <SpaceBetween size="m">
              <FormField
                label="Authenticator code"
                description="The 6-digit code from your authenticator app, or a recovery code."
              >
                <Input
                  value={code}
                  onChange={({ detail }) => setCode(detail.value)}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                />
              </FormField>
              <Button
                variant="primary"
                formAction="submit"
                loading={verify.isPending}
                disabled={!code.trim()}
              >
                Verify
              </Button>
              <ApiErrorAlert error={verify.error} />
            </SpaceBetween>
          </form>
          <SpaceBetween size="s">
            <Box>No authenticator yet?</Box>
            <Button onClick={() => enrol.mutate()} loading={enrol.isPending}>
              Set up an authenticator
            </Button>
            <ApiErrorAlert error={enrol.error} />
            {enrol.data && (
              <SpaceBetween size="s">
                <img
                  src={enrol.data.qrDataUrl}
                  alt="QR code to scan with your authenticator app"
                  width={200}
                  height={200}
                />
                <Box>
                  Or enter this secret: <Box variant="code">{enrol.data.secret}</Box>
                </Box>
                <Box>Recovery codes (keep them safe; each works once):</Box>
                <Box variant="code">{enrol.data.recoveryCodes.join('  ')}</Box>
              </SpaceBetween>
            )}
          </SpaceBetween>
        </SpaceBetween>
      </Container>
    </Box>
  );
}
