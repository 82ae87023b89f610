/*
 * Estimated prices of OpenAI models in US dollars per million tokens, from OpenAI's public
 * price list (standard tier, no cached-input discount). They are estimates for budgeting and
 * trend lines, not invoices: prices change, and compatible servers (Ollama, vLLM, Azure
 * deployments with custom names) are not in the table. A model the table does not know costs 0
 * and `priceFor` returns null for it, so the caller can say the cost is unknown.
 */

export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export type PricingTable = Record<string, ModelPrice>;

export const DEFAULT_PRICING: PricingTable = {
  'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4-turbo': { inputPerMillion: 10, outputPerMillion: 30 },
  'gpt-3.5-turbo': { inputPerMillion: 0.5, outputPerMillion: 1.5 },
  o3: { inputPerMillion: 2, outputPerMillion: 8 },
  'o3-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
};

/**
 * Normalises what the API reports to a table key: a router prefix ("openai/gpt-4o") and a
 * snapshot suffix ("gpt-4o-mini-2024-07-18", "gpt-4-turbo-0125") name the same price.
 */
function normaliseModel(model: string): string {
  const name = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  return name.replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/-\d{4}$/, '');
}

/** The price of `model`, or null when the table does not know it. */
export function priceFor(model: string, table: PricingTable = DEFAULT_PRICING): ModelPrice | null {
  return table[model] ?? table[normaliseModel(model)] ?? null;
}

/** Estimated cost of one call; 0 for a model the table does not know. */
export function estimateCostUsd(
  model: string,
  promptTokens: number,
  completionTokens: number,
  table: PricingTable = DEFAULT_PRICING,
): number {
  const price = priceFor(model, table);
  if (!price) return 0;
  return (
    (promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / 1_000_000
  );
}
