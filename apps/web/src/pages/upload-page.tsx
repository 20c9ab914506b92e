import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FileUpload from '@cloudscape-design/components/file-upload';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { batchesApi } from '../api/endpoints';
import { RefusalAlert } from '../components/refusal-alert';
import { href } from '../lib/router';
import { formatBytes, sendFile, uploadPercent, uploadReducer, type UploadHandle } from '../lib/upload';

const POLL_MS = 1000;

export function UploadPage({ createXhr }: { createXhr?: () => XMLHttpRequest }) {
  const [files, setFiles] = useState<File[]>([]);
  const [state, dispatch] = useReducer(uploadReducer, { phase: 'idle' });
  const handle = useRef<UploadHandle | null>(null);
  const file = files[0];

  const start = useCallback(() => {
    if (!file) return;
    dispatch({ type: 'start', total: file.size });
    handle.current = sendFile(
      batchesApi.uploadUrl,
      file,
      {
        progress: (loaded, total) => dispatch({ type: 'progress', loaded, total }),
        accepted: (batchId) => dispatch({ type: 'accepted', batchId }),
        refused: (error) => dispatch({ type: 'refused', error }),
        aborted: () => dispatch({ type: 'cancelled' }),
      },
      createXhr,
    );
  }, [file, createXhr]);

  // Validation runs after the upload: poll the batch until it leaves VALIDATING.
  const batchId = state.phase === 'validating' ? state.batchId : undefined;
  useEffect(() => {
    if (!batchId) return;
    let stopped = false;
    const poll = async () => {
      while (!stopped) {
        try {
          const batch = await batchesApi.get(batchId);
          if (stopped) return;
          dispatch({ type: 'polled', batch });
          if (batch.status !== 'VALIDATING') return;
        } catch {
          // a dropped poll is retried on the next tick
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [batchId]);

  const busy = state.phase === 'uploading' || state.phase === 'validating';

  return (
    <SpaceBetween size="l">
      <Header variant="h1" description="A trade file v1: CSV (UTF-8) or XLSX, one trade per row.">
        Upload a trade file
      </Header>
      <Container>
        <SpaceBetween size="m">
          <FormField label="Trade file" description="Drag the file here or choose it.">
            <FileUpload
              value={files}
              onChange={({ detail }) => {
                setFiles(detail.value.slice(-1));
                dispatch({ type: 'reset' });
              }}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showFileSize
              showFileLastModified
              constraintText="CSV or XLSX"
              i18nStrings={{
                uploadButtonText: () => 'Choose file',
                dropzoneText: () => 'Drop the trade file to upload',
                removeFileAriaLabel: (i) => `Remove file ${i + 1}`,
                limitShowFewer: 'Show fewer files',
                limitShowMore: 'Show more files',
                errorIconAriaLabel: 'Error',
                warningIconAriaLabel: 'Warning',
              }}
            />
          </FormField>
          {file && (
            <Box variant="p">
              {file.name} — {formatBytes(file.size)}
            </Box>
          )}
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="primary" disabled={!file || busy} onClick={start}>
              Upload
            </Button>
            {state.phase === 'uploading' && (
              <Button onClick={() => handle.current?.abort()}>Cancel upload</Button>
            )}
          </SpaceBetween>
          <UploadProgress state={state} />
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}

function UploadProgress({ state }: { state: Parameters<typeof uploadPercent>[0] }) {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'uploading':
      return (
        <ProgressBar
          label="Uploading"
          value={uploadPercent(state)}
          description={`${formatBytes(state.loaded)} of ${formatBytes(state.total)} sent`}
        />
      );
    case 'validating':
      return (
        <ProgressBar
          label="Validating"
          value={uploadPercent(state)}
          description={
            state.batch
              ? `${state.batch.counts.total - state.batch.counts.received} of ${state.batch.counts.total} rows validated`
              : 'Recorded; validation is starting'
          }
        />
      );
    case 'done': {
      const { batch } = state;
      if (batch.status === 'FAILED' && batch.failure) {
        return (
          <RefusalAlert error={{ status: 422, code: batch.failure.code, message: batch.failure.message }} />
        );
      }
      return (
        <ProgressBar
          label="Validated"
          value={100}
          status="success"
          resultText={
            <span>
              {batch.counts.valid} valid, {batch.counts.invalid} with errors.{' '}
              <Link href={href(`/batches/${batch.id}`)}>Open the batch</Link>
            </span>
          }
        />
      );
    }
    case 'refused':
      return <RefusalAlert error={state.error} />;
    case 'cancelled':
      return (
        <Box color="text-status-inactive">
          Upload cancelled. Nothing more is sent; choose a file to start again.
        </Box>
      );
  }
}
