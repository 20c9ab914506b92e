import type { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { ApiError } from '../http/api-error';

const Uuid = z.uuid();

/** A path's trade id: not a UUID is a clear 400, never a database cast error (a 500). */
export class TradeIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (Uuid.safeParse(value).success) return value.toLowerCase();
    throw new ApiError(
      400,
      'INVALID_TRADE_ID',
      `'${value.slice(0, 60)}' is not a trade id: trade ids are UUIDs, e.g. 0b7d4c1e-3f5a-4b8e-9c2d-1a2b3c4d5e6f`,
    );
  }
}
