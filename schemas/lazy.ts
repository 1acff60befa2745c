import type * as z from 'zod/mini';

/** A value built once, on its first use (for shapes a cold start need not build). */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/**
 * A schema built once, on its first use. For the shapes no function reads at run time — response
 * bodies (ResponseSpec.body), workflow task outputs: the handler tests check answers against them
 * and the OpenAPI document describes them, so a Lambda's cold start builds none of them — and for
 * the shapes only one function reads (a route's request, a task's input): that one builds it on its
 * first call, no other function at all.
 */
export const lazySchema: <S extends z.ZodMiniType>(build: () => S) => () => S = once;

/** A schema, or a `lazySchema` that stands for it. */
export type SchemaRef = z.ZodMiniType | (() => z.ZodMiniType);
/** The schema a `SchemaRef` stands for. */
export type Resolved<T> = T extends () => infer S ? S : T;
export const resolveSchema = <T extends SchemaRef>(ref: T): Resolved<T> => (typeof ref === 'function' ? ref() : ref) as Resolved<T>;
