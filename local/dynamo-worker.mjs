// dynalite in its own thread, so the table and the API use both cores like on AWS.
// Plain JavaScript: a worker thread loads it without the TypeScript loader.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';

const server = dynalite({ path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });

// dynalite has no streams: successful PutItem calls are observed on the wire and sent to the
// main thread, which turns them into stream-shaped records (local/dynamo.ts).
server.on('request', (req, res) => {
  if (!workerData.tapPuts || !String(req.headers['x-amz-target'] ?? '').endsWith('.PutItem')) return;
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  res.on('finish', () => {
    if (res.statusCode === 200) parentPort.postMessage({ put: Buffer.concat(chunks).toString('utf8') });
  });
});

// The request meter (opt-in, local/dynamo-meter.mjs): nothing of it is loaded unless asked for.
const meter = workerData.meter ? await startMeter() : undefined;

async function startMeter() {
  const { createMeter, installCapacityHooks, tablesOf } = await import('./dynamo-meter.mjs');
  const m = createMeter();
  installCapacityHooks(createRequire(import.meta.url)('dynalite/db'), m);
  server.on('request', (req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    res.on('finish', () => {
      const body = Buffer.concat(chunks);
      let tables = [''];
      try {
        tables = tablesOf(JSON.parse(body.toString('utf8')));
      } catch {
        // not JSON: dynalite answered it with an error; counted without a table
      }
      const responseBytes = Number(res.getHeader('content-length') ?? 0);
      for (const t of tables) m.request(t, operation, body.length, responseBytes, res.statusCode === 200);
    });
  });
  return m;
}

server.once('error', (err) => parentPort.postMessage({ error: err.code ?? String(err) }));
server.listen(workerData.port, workerData.host, () => parentPort.postMessage({ listening: server.address().port }));

parentPort.on('message', (msg) => {
  // Messages to the main thread arrive in order: an answer to 'sync' comes after every put
  // observed before it (the local cloud uses this to know the change feed has caught up).
  if (msg === 'sync') parentPort.postMessage({ synced: true });
  // The meter's counters so far (and, for 'meter-reset', zero again afterwards).
  if (msg === 'meter' || msg === 'meter-reset') {
    parentPort.postMessage({ meter: meter?.snapshot() ?? null });
    if (msg === 'meter-reset') meter?.reset();
  }
  if (msg === 'stop') {
    server.close(() => parentPort.postMessage({ stopped: true }));
    server.closeAllConnections();
  }
});
