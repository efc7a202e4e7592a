/** The demo seed's SQL: each insert does nothing when the row exists (the seed is idempotent). */

export const INSERT_AUTHORITY_IF_MISSING = `INSERT INTO authorities (code, name, country, kind, timezone, language, names)
  VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING RETURNING id`;

/** A demo authority registered before names per language existed gets the demo's names, unless an admin has changed them since. */
export const SET_DEMO_NAMES_IF_UNCHANGED = `UPDATE authorities SET names = $2
  WHERE code = $1 AND names = jsonb_build_object(split_part(language, '-', 1), name) AND names <> $2::jsonb`;

export const EXISTING_EMAILS = `SELECT lower(email) AS email FROM users WHERE lower(email) = ANY($1)`;

export const INSERT_USER_IF_MISSING = `INSERT INTO users (email, display_name, role, authority_id, password_hash)
  SELECT $1, $2, $3, (SELECT id FROM authorities WHERE code = $4), $5
  ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`;
