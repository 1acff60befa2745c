/**
 * How every Lambda is bundled: the SDK bundled, minified, with source
 * maps, ESM for the newest Node runtime. CDK's NodejsFunction and `npm run bench` use the same
 * settings, so the bench measures what deploys.
 */
export const BUNDLE = {
  target: 'node24',
  format: 'esm' as const,
  minify: true,
  sourceMap: true,
  /** Maps point at file names and lines; the sources themselves stay out of the bundle. */
  sourcesContent: false,
  /** ESM bundles still meet CommonJS inside some dependencies: give them a `require`. */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  mainFields: ['module', 'main'],
};
