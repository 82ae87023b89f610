import type { Model } from 'mongoose';
import { op } from './mongo-table.js';
import type { Row } from './models.js';

/**
 * Rows written before a filtered field was copied out of their document get it, once, when a
 * store opens (SQLite does the same in a numbered migration). Reads only the rows missing it,
 * so later opens cost one indexed query.
 */
export async function backfillField(
  model: Model<Row>,
  field: string,
  valueOf: (doc: Record<string, unknown>) => unknown,
): Promise<number> {
  const rows = await model
    .find({ [field]: op({ $exists: false }) }, { _id: 1, doc: 1 })
    .lean<{ _id: string; doc: string }[]>();
  if (rows.length === 0) return 0;
  await model.bulkWrite(
    rows.map((row) => ({
      updateOne: {
        filter: { _id: row._id },
        update: { $set: { [field]: valueOf(JSON.parse(row.doc) as Record<string, unknown>) } },
      },
    })),
  );
  return rows.length;
}
