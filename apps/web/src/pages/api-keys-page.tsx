import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Multiselect from '@cloudscape-design/components/multiselect';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { ROLES } from '@contingency/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { reportsApi } from '../api/endpoints';
import type { ApiKeySummary, Role } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';

const ROLE_OPTIONS = ROLES.map((r) => ({ label: r, value: r }));

export function ApiKeysPage() {
  const client = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => reportsApi.apiKeys() });
  const [name, setName] = useState('');
  const [principal, setPrincipal] = useState('');
  const [roles, setRoles] = useState<readonly { label?: string; value?: string }[]>([]);
  const create = useMutation({
    mutationFn: () =>
      reportsApi.createApiKey(
        name,
        roles.map((r) => r.value as Role),
        principal,
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => reportsApi.revokeApiKey(id),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  return (
    <SpaceBetween size="l">
      <Header variant="h1">API keys</Header>
      <Container header={<Header variant="h2">New key</Header>}>
        <SpaceBetween size="m">
          <SpaceBetween size="m" direction="horizontal">
            <FormField label="Name">
              <Input value={name} onChange={({ detail }) => setName(detail.value)} />
            </FormField>
            <FormField label="Acts for (principal)" description="Empty: a new identity">
              <Input value={principal} onChange={({ detail }) => setPrincipal(detail.value)} />
            </FormField>
            <FormField label="Roles">
              <Multiselect
                selectedOptions={roles}
                options={ROLE_OPTIONS}
                onChange={({ detail }) => setRoles(detail.selectedOptions)}
                placeholder="Choose roles"
              />
            </FormField>
          </SpaceBetween>
          <Button
            variant="primary"
            disabled={!name || roles.length === 0}
            loading={create.isPending}
            onClick={() => create.mutate()}
          >
            Create key
          </Button>
          {create.data && (
            <Alert type="success" header="Copy the key now: it is never shown again">
              <Box variant="code">{create.data.key}</Box>
            </Alert>
          )}
          <ApiErrorAlert error={create.error ?? revoke.error} />
        </SpaceBetween>
      </Container>
      <Table
        variant="container"
        header={<Header variant="h2">Keys</Header>}
        ariaLabels={{ tableLabel: 'API keys' }}
        items={keys.data?.items ?? []}
        loading={keys.isPending}
        trackBy="id"
        columnDefinitions={[
          { id: 'name', header: 'Name', cell: (k: ApiKeySummary) => k.name },
          { id: 'prefix', header: 'Prefix', cell: (k) => k.prefix, width: 130 },
          { id: 'principal', header: 'Acts for', cell: (k) => k.principal },
          { id: 'roles', header: 'Roles', cell: (k) => k.roles.join(', ') },
          {
            id: 'used',
            header: 'Last used',
            cell: (k) => (k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : 'never'),
          },
          {
            id: 'revoke',
            header: 'Revoke',
            width: 130,
            cell: (k) =>
              k.revokedAt ? (
                'revoked'
              ) : (
                <Button
                  variant="inline-link"
                  ariaLabel={`Revoke key ${k.name}`}
                  onClick={() => revoke.mutate(k.id)}
                >
                  Revoke
                </Button>
              ),
          },
        ]}
      />
    </SpaceBetween>
  );
}
