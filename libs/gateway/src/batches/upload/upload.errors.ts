import { ApiError } from '../../http/api-error';

/** The upload's byte stream itself failed (client gone, multipart cut short): not the file's fault. */
export class UploadStreamError extends ApiError {
  constructor(readonly reason: unknown) {
    super(
      400,
      'UPLOAD_INCOMPLETE',
      `The upload ended before the whole file arrived (${reason instanceof Error ? reason.message : String(reason)}). ` +
        'Nothing was recorded; send the file again.',
    );
  }
}

export const fileRequired = (field: string): ApiError =>
  new ApiError(
    400,
    'FILE_REQUIRED',
    `No file in the upload: send the trade file as the multipart/form-data field "${field}".`,
  );

export const multipartRequired = (contentType: string | undefined): ApiError =>
  new ApiError(
    415,
    'MULTIPART_REQUIRED',
    `Upload the trade file as multipart/form-data (field "file"), not ${contentType ? `"${contentType.slice(0, 100)}"` : 'a body without a Content-Type'}.`,
  );

export const malformedMultipart = (reason: string): ApiError =>
  new ApiError(
    400,
    'MALFORMED_MULTIPART',
    `The multipart/form-data body cannot be read (${reason}). Send the file with a form upload or curl -F file=@trades.csv.`,
  );
