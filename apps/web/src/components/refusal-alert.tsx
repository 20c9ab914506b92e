import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ApiError } from '../api/http';
import { href } from '../lib/router';
import { refusalFor } from '../lib/refusals';

/** A refused file: what is wrong, how to fix it, and the server's own words (they name lines and columns). */
export function RefusalAlert({
  error,
}: {
  error: Pick<ApiError, 'code' | 'message'> & Partial<Pick<ApiError, 'status' | 'details'>>;
}) {
  const refusal = refusalFor(error);
  const existing = error.details?.existingBatchId;
  return (
    <Alert type="error" header={refusal.title}>
      <SpaceBetween size="xs">
        <Box>{refusal.problem}</Box>
        <Box>
          <strong>How to fix it:</strong> {refusal.fix}
        </Box>
        <Box variant="small">
          {error.code}: {error.message}
        </Box>
        {typeof existing === 'string' && (
          <Link href={href(`/batches/${existing}`)}>Open the existing batch</Link>
        )}
      </SpaceBetween>
    </Alert>
  );
}
