// The opt-in request meter of the local dynalite (local/dynamo-worker.mjs loads it only when
// metering is on). Plain JavaScript, as the worker: types in dynamo-meter.d.mts.
//
// Per table and operation it counts requests, request bytes, response bytes and errors (on the
// wire), and estimates the capacity units DynamoDB on-demand would bill, from the items the
// operation actually touched (hooks inside dynalite, which sees the item before and after):
//
// | operation                | billed (on-demand)                                                  |
// |--------------------------|---------------------------------------------------------------------|
// | PutItem, UpdateItem, DeleteItem | ceil(max(size before, size after) / 1 KB) WRU, min 1         |
// | a failed conditional write | ceil(size of the existing item / 1 KB) WRU, min 1                 |
// | each index the write touches | ceil(index entry size / 1 KB) WRU per index put or delete (a changed index key: both) |
// | GetItem                  | ceil(item size / 4 KB) RRU, min 1; half for an eventually consistent read |
// | Query, Scan              | ceil(sum of the sizes of the items read / 4 KB) RRU, min 1; half if eventually consistent |
//
// Item size follows DynamoDB's rules (attribute names and string values in UTF-8 bytes, numbers
// about one byte per two significant digits plus one, 3 bytes per list or map plus 1 per element).
// Query and Scan sizes are dynalite's own sum (its strings count UTF-16 code units: a byte less per
// non-ASCII character). Items of a BatchGetItem / BatchWriteItem are billed as their single-item
// operations (as DynamoDB bills them) and show under GetItem / PutItem / DeleteItem.
// Transactions (2 units per item) do not occur: dynalite has none.

/** @type {1024} */
export const WRITE_UNIT_BYTES = 1024;
/** @type {4096} */
export const READ_UNIT_BYTES = 4096;

/** Write request units of one write of an item of `bytes` (DynamoDB: per started KB, at least 1). */
export function writeUnits(bytes) {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
}

/** Read request units of one read returning `bytes` (per started 4 KB, at least 1; half if eventually consistent). */
export function readUnits(bytes, consistent) {
  return Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * (consistent ? 1 : 0.5);
}

const utf8 = (s) => Buffer.byteLength(s, 'utf8');

/** Size of a number as DynamoDB stores it: about 1 byte per 2 significant digits, plus 1. */
function numberSize(n) {
  const digits = String(n).replace(/^[-+]/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return 1 + Math.ceil(Math.max(1, digits.length) / 2);
}

/** Size of one attribute value (a DynamoDB AttributeValue in its JSON wire form). */
export function valueSize(value) {
  const [type, v] = Object.entries(value)[0] ?? [];
  switch (type) {
    case 'S':
      return utf8(v);
    case 'N':
      return numberSize(v);
    case 'B':
      return Buffer.from(v, 'base64').length;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
      return v.reduce((n, s) => n + utf8(s), 0);
    case 'NS':
      return v.reduce((n, s) => n + numberSize(s), 0);
    case 'BS':
      return v.reduce((n, s) => n + Buffer.from(s, 'base64').length, 0);
    case 'L':
      return 3 + v.reduce((n, e) => n + 1 + valueSize(e), 0);
    case 'M':
      return 3 + Object.keys(v).length + itemSize(v);
    default:
      return 0;
  }
}

/** Size of an item as DynamoDB counts it: each attribute's name (UTF-8) plus its value. */
export function itemSize(item) {
  if (!item) return 0;
  let n = 0;
  for (const [name, value] of Object.entries(item)) n += utf8(name) + valueSize(value);
  return n;
}

/**
 * Index writes of one table write (DynamoDB's rules for secondary indexes): an item entering an
 * index is a put, leaving it a delete, a changed index key both, a changed projection one update;
 * each ceil(entry size / 1 KB) WRU. `table` is the table description (KeySchema, indexes).
 * Returns one entry per index written.
 */
export function indexWrites(table, before, after) {
  const tableKeys = (table.KeySchema ?? []).map((k) => k.AttributeName);
  const out = [];
  for (const index of [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])]) {
    const keys = index.KeySchema.map((k) => k.AttributeName);
    const project = (item) => {
      if (!item || !keys.every((k) => item[k] != null)) return undefined;
      if (index.Projection?.ProjectionType === 'ALL') return item;
      const names = [...keys, ...tableKeys, ...(index.Projection?.NonKeyAttributes ?? [])];
      return Object.fromEntries(names.filter((a) => item[a] != null).map((a) => [a, item[a]]));
    };
    const old = project(before);
    const next = project(after);
    let units = 0;
    let writes = 0;
    if (old && next) {
      const sameKey = keys.every((k) => JSON.stringify(old[k]) === JSON.stringify(next[k]));
      if (!sameKey) {
        writes = 2;
        units = writeUnits(itemSize(old)) + writeUnits(itemSize(next));
      } else if (JSON.stringify(old) !== JSON.stringify(next)) {
        writes = 1;
        units = writeUnits(Math.max(itemSize(old), itemSize(next)));
      }
    } else if (old || next) {
      writes = 1;
      units = writeUnits(itemSize(old ?? next));
    }
    if (writes) out.push({ index: index.IndexName, writes, units });
  }
  return out;
}

/** The operation a write's request body describes (for hooks that see only the body). */
function writeOperation(data) {
  if (data.Item) return 'PutItem';
  if (data.UpdateExpression !== undefined || data.AttributeUpdates !== undefined || data._updates !== undefined) return 'UpdateItem';
  return 'DeleteItem';
}

const emptyOp = () => ({ requests: 0, requestBytes: 0, responseBytes: 0, errors: 0, wru: 0, rru: 0, conditionalFailures: 0 });

/** The counters, per table name: operations and indexes. */
export function createMeter() {
  /** @type {Map<string, { operations: Map<string, ReturnType<typeof emptyOp>>, indexes: Map<string, { writes: number, wru: number }> }>} */
  let tables = new Map();
  const tableOf = (name) => {
    let t = tables.get(name);
    if (!t) tables.set(name, (t = { operations: new Map(), indexes: new Map() }));
    return t;
  };
  const op = (table, operation) => {
    const t = tableOf(table);
    let o = t.operations.get(operation);
    if (!o) t.operations.set(operation, (o = emptyOp()));
    return o;
  };
  return {
    /** One HTTP request as seen on the wire. */
    request(table, operation, requestBytes, responseBytes, ok) {
      const o = op(table, operation);
      o.requests++;
      o.requestBytes += requestBytes;
      o.responseBytes += responseBytes;
      if (!ok) o.errors++;
    },
    write(table, operation, units, failedCondition = false) {
      const o = op(table, operation);
      o.wru += units;
      if (failedCondition) o.conditionalFailures++;
    },
    read(table, operation, units) {
      op(table, operation).rru += units;
    },
    index(table, index, writes, units) {
      const t = tableOf(table);
      const i = t.indexes.get(index) ?? { writes: 0, wru: 0 };
      i.writes += writes;
      i.wru += units;
      t.indexes.set(index, i);
    },
    reset() {
      tables = new Map();
    },
    snapshot() {
      return {
        tables: Object.fromEntries(
          [...tables].map(([name, t]) => [name, { operations: Object.fromEntries(t.operations), indexes: Object.fromEntries(t.indexes) }]),
        ),
      };
    },
  };
}

/**
 * Hooks the meter into dynalite's db module (4.0.0: its actions call `db.checkConditional`,
 * `db.addConsumedCapacity`, `db.updateIndexes` and `db.queryTable` through the module object, so
 * wrapping them there sees every item operation with the items before and after). What the client
 * gets back is unchanged: ConsumedCapacity is only computed for the meter, never added to a response.
 */
export function installCapacityHooks(db, meter) {
  const { checkConditional, addConsumedCapacity, updateIndexes, queryTable } = db;
  for (const [name, fn] of Object.entries({ checkConditional, addConsumedCapacity, updateIndexes, queryTable })) {
    if (typeof fn !== 'function') throw new Error(`dynalite's db.${name} is missing: the meter needs dynalite 4.0.0`);
  }

  db.checkConditional = function (data, existingItem) {
    const failed = checkConditional.apply(this, arguments);
    // DynamoDB bills a failed conditional write like a write of the item that is there.
    if (failed != null) meter.write(data.TableName, writeOperation(data), writeUnits(itemSize(existingItem)), true);
    return failed;
  };

  // get: (data, true, item); put: (data, false, existing, data.Item); update: (data, false, old, new); delete: (data, false, existing).
  db.addConsumedCapacity = function (data, isRead, a, b) {
    if (isRead) meter.read(data.TableName, 'GetItem', readUnits(itemSize(a), data.ConsistentRead === true));
    else {
      const operation = arguments.length < 4 ? 'DeleteItem' : b === data.Item ? 'PutItem' : 'UpdateItem';
      meter.write(data.TableName, operation, writeUnits(Math.max(itemSize(a), itemSize(b))));
    }
    return addConsumedCapacity.apply(this, arguments);
  };

  db.updateIndexes = function (store, table, before, after) {
    for (const w of indexWrites(table, before, after)) meter.index(table.TableName, w.index, w.writes, w.units);
    return updateIndexes.apply(this, arguments);
  };

  // (store, table, data, opts, isLocal, fetchFromItemDb, startKeyNames, cb): dynalite sums the
  // items read (before any filter) when asked for ConsumedCapacity; asked here, kept from the client.
  db.queryTable = function (store, table, data, ...rest) {
    const cb = rest.pop();
    const asked = data.ReturnConsumedCapacity === 'TOTAL' || data.ReturnConsumedCapacity === 'INDEXES';
    const operation = data.KeyConditionExpression !== undefined || data.KeyConditions !== undefined || data._keyCondition !== undefined ? 'Query' : 'Scan';
    const metered = asked ? data : { ...data, ReturnConsumedCapacity: 'TOTAL' };
    return queryTable.call(this, store, table, metered, ...rest, (err, result) => {
      if (!err && result) {
        const consistent = data.ConsistentRead === true;
        const units = result.ConsumedCapacity?.CapacityUnits ?? 0;
        meter.read(data.TableName, operation, Math.max(units, consistent ? 1 : 0.5));
        if (!asked) delete result.ConsumedCapacity;
      }
      cb(err, result);
    });
  };
}

/** The table(s) a request names: TableName, or the tables of a batch. */
export function tablesOf(body) {
  if (typeof body?.TableName === 'string') return [body.TableName];
  if (body?.RequestItems && typeof body.RequestItems === 'object') return Object.keys(body.RequestItems);
  return [''];
}
