import type { StorePort } from '@tandem/schema';
import { afterEach, beforeEach, describe } from 'vitest';
import { entityCases } from './entities.cases.js';
import type { ContractContext, StoreFactory, StoreHarness } from './harness.js';
import { integrityCases } from './integrity.cases.js';
import { listCases } from './lists.cases.js';
import { notificationCases } from './notifications.cases.js';
import { repositoryCases } from './repositories.cases.js';
import { schedulingCases } from './scheduling.cases.js';
import { testRunCases } from './test-runs.cases.js';

export type { StoreFactory, StoreHarness } from './harness.js';

/**
 * The one contract every StorePort implementation passes. Each test gets a store over fresh,
 * empty data from `factory.create()` and the harness is cleaned up after it.
 */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`StorePort contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    let current: StorePort | undefined;
    const ctx: ContractContext = {
      harness: () => {
        if (!harness) throw new Error('no store harness: beforeEach did not run');
        return harness;
      },
      store: () => {
        if (!current) throw new Error('no store: beforeEach did not run');
        return current;
      },
    };

    beforeEach(async () => {
      const created = await factory.create();
      const { reopen } = created;
      harness = {
        ...created,
        // The test's store follows a reopen so cleanup closes whatever is open last.
        reopen: reopen
          ? async () => {
              current = await reopen();
              return current;
            }
          : undefined,
      };
      current = created.store;
    });

    afterEach(async () => {
      await current?.close();
      await harness?.cleanup();
      harness = undefined;
      current = undefined;
    });

    entityCases(ctx);
    repositoryCases(ctx);
    listCases(ctx);
    schedulingCases(ctx);
    testRunCases(ctx);
    notificationCases(ctx);
    integrityCases(ctx, factory);
  });
}
