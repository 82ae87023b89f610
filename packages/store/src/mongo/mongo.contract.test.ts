import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { makePublication } from '../contract/fixtures.js';
import { describeStoreContract } from '../contract/store.contract.js';
import { openMongoStore } from './mongo.store.js';

const uri = process.env.MONGODB_URI;

/** Runs `fn` on a throwaway connection to one test database, outside the store. */
async function withDatabase(
  dbName: string,
  fn: (conn: mongoose.Connection) => Promise<void>,
): Promise<void> {
  const conn = await mongoose.createConnection(uri as string, { dbName }).asPromise();
  try {
    await fn(conn);
  } finally {
    await conn.close();
  }
}

if (uri) {
  describeStoreContract('mongo', {
    durable: true,
    canCorrupt: true,
    async create() {
      const dbName = `tandem_contract_${randomUUID().replaceAll('-', '')}`;
      let store = await openMongoStore({ uri, dbName });
      return {
        store,
        async reopen() {
          await store.close();
          store = await openMongoStore({ uri, dbName });
          return store;
        },
        async corruptRun(id) {
          await withDatabase(dbName, async (conn) => {
            const runs = conn.collection<{ _id: string; doc: string }>('runs');
            const row = await runs.findOne({ _id: id });
            if (!row) throw new Error(`run ${id} is not stored`);
            const doc = { ...JSON.parse(row.doc), status: 'exploded' };
            await runs.updateOne({ _id: id }, { $set: { doc: JSON.stringify(doc) } });
          });
        },
        async cleanup() {
          await store.close();
          await withDatabase(dbName, async (conn) => {
            await conn.dropDatabase();
          });
        },
      };
    },
  });

  describe('mongo store: fields copied after rows were written', () => {
    it('fills in a publication’s channel when the store opens', async () => {
      const dbName = `tandem_backfill_${randomUUID().replaceAll('-', '')}`;
      try {
        const before = await openMongoStore({ uri, dbName });
        await before.publications.create(makePublication('p1', { channel: 'library' }));
        await before.close();
        await withDatabase(dbName, async (conn) => {
          await conn.collection('publications').updateMany({}, { $unset: { channel: '' } });
        });
        const after = await openMongoStore({ uri, dbName });
        const page = await after.publications.list({ channel: 'library' });
        await after.close();
        expect(page.items.map((p) => p.id)).toEqual(['p1']);
      } finally {
        await withDatabase(dbName, (conn) => conn.dropDatabase().then(() => undefined));
      }
    });

    it('marks publications written before the library’s archive as not archived', async () => {
      const dbName = `tandem_backfill_${randomUUID().replaceAll('-', '')}`;
      try {
        const before = await openMongoStore({ uri, dbName });
        await before.publications.create(makePublication('p1', { channel: 'library' }));
        await before.close();
        await withDatabase(dbName, async (conn) => {
          await conn.collection('publications').updateMany({}, { $unset: { archived: '' } });
        });
        const after = await openMongoStore({ uri, dbName });
        const listed = await after.publications.list({ channel: 'library', archived: false });
        await after.close();
        expect(listed.items.map((p) => p.id)).toEqual(['p1']);
      } finally {
        await withDatabase(dbName, (conn) => conn.dropDatabase().then(() => undefined));
      }
    });
  });
} else {
  const reason = 'MongoDB contract skipped: MONGODB_URI is not set';
  console.log(reason);
  describe.skip(reason, () => {
    it.skip(reason, () => {});
  });
}
