import type * as z from 'zod/mini';

/**
 * A schema built once, on its first use. For the shapes no function reads at run time — response
 * bodies (ResponseSpec.body), workflow task outputs: the handler tests check answers against them
 * and the OpenAPI document describes them, so a Lambda's cold start builds none of them.
 */
export function lazySchema<S extends z.ZodMiniType>(build: () => S): () => S {
  let schema: S | undefined;
  return () => (schema ??= build());
}
