import type { PipeTransform } from '@nestjs/common';
import { ApiError } from '../http/api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A batch id in the path: anything but a UUID names no batch (404), and never reaches the database. */
export class BatchIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (UUID.test(value)) return value.toLowerCase();
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    throw new ApiError(
      404,
      'NOT_FOUND',
      `batch ${JSON.stringify(shown)} not found: batch ids are UUIDs, as answered by POST /api/v1/batches`,
    );
  }
}
