import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLE } from '../infra/bundling.js';

const ROOT = resolve(import.meta.dirname, '..');

/** The AWS clients a bundle may contain, and how a floor bundle creates each one. */
const SDK_CLIENTS: Record<string, string> = {
  '@aws-sdk/client-dynamodb': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; export const dynamodb = new DynamoDBClient({});",
  '@aws-sdk/lib-dynamodb':
    "import { DynamoDBClient as D } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; export const doc = DynamoDBDocumentClient.from(new D({}));",
  '@aws-sdk/client-sesv2': "import { SESv2Client } from '@aws-sdk/client-sesv2'; export const ses = new SESv2Client({});",
  '@aws-sdk/client-sfn': "import { SFNClient } from '@aws-sdk/client-sfn'; export const sfn = new SFNClient({});",
};

export interface BundleResult {
  file: string;
  bytes: number;
  clients: string[];
  /** SDK commands the bundle contains, as [package, command class]. */
  commands: [string, string][];
}

/** Bundles one entry exactly as CDK does (infra/bundling.ts) and lists the AWS clients inside. */
export async function bundle(entry: string, outDir: string, name: string, contents?: string): Promise<BundleResult> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name}.mjs`);
  const result = await build({
    ...(contents ? { stdin: { contents, resolveDir: ROOT, loader: 'ts' } } : { entryPoints: [resolve(ROOT, entry)] }),
    bundle: true,
    platform: 'node',
    target: BUNDLE.target,
    format: BUNDLE.format,
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourceMap,
    sourcesContent: BUNDLE.sourcesContent,
    banner: { js: BUNDLE.banner },
    mainFields: BUNDLE.mainFields,
    outfile: file,
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const clients = Object.keys(SDK_CLIENTS).filter((pkg) => inputs.some((i) => i.includes(`node_modules/${pkg}/`)));
  const commands = new Map<string, [string, string]>();
  for (const i of inputs) {
    const m = /node_modules\/(@aws-sdk\/[\w-]+)\/dist-es\/commands\/(\w+Command)\.js$/.exec(i);
    if (m) commands.set(`${m[1]}/${m[2]}`, [m[1]!, m[2]!]);
  }
  return { file, bytes: statSync(file).size, clients, commands: [...commands.values()] };
}

/**
 * The SDK floor: a bundle with nothing but the AWS SDK code the function needs: its clients,
 * created, and the commands it sends. Empty if the function uses no AWS service.
 */
export function floorSource(clients: string[], commands: [string, string][]): string {
  const lines = clients.filter((c) => !(c === '@aws-sdk/client-dynamodb' && clients.includes('@aws-sdk/lib-dynamodb'))).map((c) => SDK_CLIENTS[c]);
  for (const [i, [pkg, command]] of commands.entries()) lines.push(`export { ${command} as c${i} } from '${pkg}';`);
  return lines.length ? lines.join('\n') : 'export const nothing = 0;';
}

/**
 * Time to import a bundle in a fresh Node process, measured inside it around `import()`: wall
 * time, or with `cpu` the process's CPU time (user + system), which other processes on a busy
 * machine disturb far less (they take turns on the cores; the work done stays the same).
 */
export function coldImportMs(file: string, clock: 'wall' | 'cpu' = 'wall'): number {
  const code =
    clock === 'wall'
      ? `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`
      : `const t = process.cpuUsage(); await import(${JSON.stringify(file)}); const d = process.cpuUsage(t); process.stdout.write(String((d.user + d.system) / 1000));`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, AWS_REGION: 'eu-central-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`import of ${file} failed: ${out.stderr}`);
  return Number(out.stdout);
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function writeFloor(dir: string, name: string, source: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.ts`);
  writeFileSync(path, source);
  return path;
}
