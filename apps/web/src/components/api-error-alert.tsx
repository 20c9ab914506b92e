import Alert from '@cloudscape-design/components/alert';
import { ApiError } from '../api/http';

/** The server's refusal as it said it (code and message), e.g. FOUR_EYES on a self-approval. */
export function ApiErrorAlert({ error, header }: { error: unknown; header?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <Alert type="error" header={header ?? (code ? `Refused: ${code}` : 'Something went wrong')}>
      {message}
    </Alert>
  );
}
