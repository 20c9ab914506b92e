import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/** Validates a request body (or query) with the same zod schema that documents it in OpenAPI. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    return this.schema.parse(value); // a ZodError becomes a 400 INVALID_REQUEST in the filter
  }
}
