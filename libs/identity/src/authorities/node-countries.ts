import { ConfigurationError } from '@mla/core';
import type { AuthoritiesRepository } from './authorities.repository';

/**
 * A node serves only its NODE_COUNTRIES (DESIGN §15): no authority of another country may be
 * LOCAL here (its people sign in on their own node). Refuses the boot, naming the authorities,
 * when the database holds one (a database made by the single-node mode or by another node).
 */
export async function assertNodeCountries(authorities: AuthoritiesRepository, countries: readonly string[] | null): Promise<void> {
  if (countries === null) return;
  const foreign = await authorities.localOutside(countries);
  if (foreign.length === 0) return;
  const listed = foreign.map((a) => `${a.code} (${a.country})`).join(', ');
  throw new ConfigurationError(
    `NODE_COUNTRIES=${countries.join(',')}: this database holds LOCAL authorities of other countries: ${listed}. ` +
      `A node's LOCAL authorities are those of its own countries only; use a database of this node's own ` +
      `(this one was made by the single-node mode or by a node serving other countries), or set NODE_COUNTRIES to match it.`,
  );
}

/** Why an authority of `country` cannot be LOCAL on a node serving `countries`; null when it may. */
export function localOutsideNode(country: string, countries: readonly string[] | null): string | null {
  if (countries === null || countries.includes(country)) return null;
  return `cannot be LOCAL on this node, which serves ${countries.join(', ')} (NODE_COUNTRIES): an authority of ${country} is PEER or OFFLINE here`;
}
