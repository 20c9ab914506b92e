import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * One OpenAPI query parameter per key of a zod object: the schema that validates the query documents it.
 * The input side is what a caller writes (a comma-separated status list, a limit as text).
 */
export function ApiQueryFrom(schema: z.ZodObject): MethodDecorator {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({
        name,
        required: json.required?.includes(name) ?? false,
        description: typeof property.description === 'string' ? property.description : undefined,
        schema: property,
      }),
    ),
  );
}
