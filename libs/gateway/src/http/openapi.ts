import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';

/** A zod schema as the OpenAPI schema object that documents it: one definition for both jobs. */
export const openApiSchema = (schema: z.ZodType): Record<string, unknown> =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' });

/** The REST API's OpenAPI document at /api/docs (UI) and /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Mosaic Contingency API')
    .setDescription('Trade files, batches, four-eyes approval and trade status for the contingency path.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' })
    .build();
  reflectZodParametersAsObjects(app);
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * `@Query(new ZodPipe(Schema)) query: Schema` (a zod const and its inferred type under one name) makes the
 * compiler record the zod object as the parameter's type, which Swagger takes for a class and crashes on.
 * The zod schema documents the route through @ApiQuery/@ApiBody anyway, so record a plain Object.
 */
function reflectZodParametersAsObjects(app: INestApplication): void {
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) => [
    ...module.controllers.values(),
  ]);
  for (const wrapper of controllers) {
    const prototype = (wrapper.metatype as { prototype?: object } | undefined)?.prototype;
    if (!prototype) continue;
    for (const method of Object.getOwnPropertyNames(prototype)) {
      const types = Reflect.getMetadata('design:paramtypes', prototype, method) as unknown[] | undefined;
      if (types?.some((type) => type instanceof z.ZodType)) {
        const objects = types.map((type) => (type instanceof z.ZodType ? Object : type));
        Reflect.defineMetadata('design:paramtypes', objects, prototype, method);
      }
    }
  }
}
