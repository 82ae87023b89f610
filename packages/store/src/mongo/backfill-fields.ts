import type { AnyBulkWriteOperation, Model } from 'mongoose';
import { op } from './mongo-table.js';
import type { Row } from './models.js';

const BATCH = 500;

/**
 * Rows written before a filtered field was copied out of their document get it, once, when a
 * store opens (SQLite does the same in a numbered migration). Reads only the rows missing it,
 * a batch at a time (a large store is not held in memory), so later opens cost one indexed
 * query that finds none.
 */
export async function backfillField(
  model: Model<Row>,
  field: string,
  valueOf: (doc: Record<string, unknown>) => unknown,
): Promise<number> {
  let filled = 0;
  let batch: AnyBulkWriteOperation<Row>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await model.bulkWrite(batch, { ordered: false });
    filled += batch.length;
    batch = [];
  };
  const rows = model
    .find({ [field]: op({ $exists: false }) }, { _id: 1, doc: 1 })
    .lean<{ _id: string; doc: string }>()
    .cursor({ batchSize: BATCH });
  for await (const row of rows) {
    const value = valueOf(JSON.parse(row.doc) as Record<string, unknown>);
    batch.push({ updateOne: { filter: { _id: row._id }, update: { $set: { [field]: value } } } });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return filled;
}
