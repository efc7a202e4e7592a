// The supervision benchmark's dataset, generated inside PostgreSQL (generate_series): a
// national-scale history of requests between Viet Nam and five ASEAN counterparts, with
// their deadlines and a few dead webhook deliveries. Deterministic (setseed) for a given
// size and "now".

const COUNTRIES = [
  // country, timezone, language
  ['TH', 'Asia/Bangkok', 'en'],
  ['MY', 'Asia/Kuala_Lumpur', 'en'],
  ['ID', 'Asia/Jakarta', 'en'],
  ['PH', 'Asia/Manila', 'en'],
];

/** Authorities and users of the four counterparts the demo seed does not create. */
async function seedCounterparts(client) {
  for (const [country, timezone, language] of COUNTRIES) {
    await client.query(
      `INSERT INTO authorities (code, name, country, kind, timezone, language) VALUES
         ($1 || '-PROS', $1 || ' prosecution office', $1, 'PROSECUTION_OFFICE', $2, $3),
         ($1 || '-CA', $1 || ' central authority', $1, 'CENTRAL_AUTHORITY', $2, $3)
       ON CONFLICT (code) DO NOTHING`,
      [country, timezone, language],
    );
    await client.query(
      `INSERT INTO users (email, display_name, role, authority_id, password_hash)
       SELECT lower($1) || '-' || lower(u.role) || '@bench.example', $1 || ' ' || lower(u.role), u.role, a.id, 'not-a-hash'
       FROM (VALUES ('PROSECUTOR', '-PROS'), ('OFFICER', '-CA'), ('SUPERVISOR', '-CA')) AS u(role, suffix)
       JOIN authorities a ON a.code = $1 || u.suffix
       ON CONFLICT DO NOTHING`,
      [country],
    );
  }
}

/**
 * Fills `requests` with `total` rows created over the two years before `now`: VN sends 55 %
 * (to SG 35 %, TH 20 %, MY 20 %, ID 15 %, PH 10 %), receives 25 %, and 20 % are between
 * the counterparts. Older requests are mostly closed; young ones are spread over the open
 * states. Then the deadlines each state implies (REVIEW, ACKNOWLEDGEMENT or
 * PRESERVATION_CONFIRMATION, EXECUTION), met on time or late, open, overdue or cancelled.
 */
async function generate(client, total, now, outcomesOfDeadlines) {
  await client.query(`SELECT setseed(0.4242)`);
  // One row per authority code, so the generator can pick by country.
  await client.query(`
    CREATE TEMP TABLE bench_parties AS
    SELECT a.country,
           (SELECT id FROM authorities p WHERE p.country = a.country AND p.kind = 'PROSECUTION_OFFICE' ORDER BY code LIMIT 1) AS pros_id,
           (SELECT id FROM authorities c WHERE c.country = a.country AND c.kind = 'CENTRAL_AUTHORITY' ORDER BY code LIMIT 1) AS ca_id,
           (SELECT u.id FROM users u JOIN authorities p ON p.id = u.authority_id
              WHERE p.country = a.country AND u.role = 'PROSECUTOR' ORDER BY u.email LIMIT 1) AS prosecutor_id,
           (SELECT u.id FROM users u JOIN authorities c ON c.id = u.authority_id
              WHERE c.country = a.country AND u.role = 'OFFICER' AND c.kind = 'CENTRAL_AUTHORITY' ORDER BY u.email LIMIT 1) AS officer_id
    FROM (SELECT DISTINCT country FROM authorities) a`);

  // The requests first into a temporary table (no WAL): their deadlines, chases and outcomes
  // are derived from it, and each request is written once, complete (no UPDATE of a million rows).
  await client.query(
    `
    CREATE TEMP TABLE bench_requests AS
    SELECT gen_random_uuid() AS id,
      g.requesting || '-' || extract(year FROM g.created_at)::int || '-' || lpad(g.i::text, 7, '0') AS reference,
      g.steps + 1 AS version, g.state, g.type, g.priority, g.channel, 'ASEAN_MLAT_2004' AS legal_basis,
      pa.pros_id AS requesting_authority_id, pb.ca_id AS requested_authority_id, g.requesting AS requesting_country,
      g.requested AS requested_country, pa.prosecutor_id AS created_by,
      CASE WHEN g.acknowledged_at IS NOT NULL THEN pb.officer_id END AS assignee_id,
      'Bench request ' || g.i AS title, 'Facts of bench request ' || g.i AS facts, g.steps + 1 AS event_seq,
      g.submitted_at, g.sent_at, g.acknowledged_at, g.closed_at, g.created_at,
      coalesce(g.closed_at, g.acknowledged_at, g.sent_at, g.submitted_at, g.created_at) AS updated_at
    FROM (
      SELECT s.*,
        CASE WHEN s.stage >= 1 THEN least(s.created_at + (1 + 2 * s.r3) * interval '1 day', $1::timestamptz - interval '2 hours') END AS submitted_at,
        CASE WHEN s.stage >= 2 THEN least(s.created_at + (2 + 4 * s.r3) * interval '1 day', $1::timestamptz - interval '1 hour') END AS sent_at,
        CASE WHEN s.stage >= 3 THEN least(s.created_at + (2 + 4 * s.r3) * interval '1 day' + (2 + 200 * s.r4 * s.r4) * interval '1 hour', $1::timestamptz - interval '30 minutes') END AS acknowledged_at,
        CASE WHEN s.state IN ('CLOSED','REFUSED','WITHDRAWN','EXPIRED') THEN least(s.created_at + (20 + 150 * s.r4) * interval '1 day', $1::timestamptz - interval '10 minutes') END AS closed_at,
        (CASE s.state WHEN 'DRAFT' THEN 0 WHEN 'IN_REVIEW' THEN 1 WHEN 'SENT' THEN 2 ELSE 3 END) + (CASE WHEN s.state IN ('CLOSED','EVIDENCE_RECEIVED') THEN 3 ELSE 0 END) AS steps
      FROM (
        SELECT p.*,
          -- 0 draft, 1 in review, 2 sent, 3 acknowledged or later
          CASE p.state WHEN 'DRAFT' THEN 0 WHEN 'IN_REVIEW' THEN 1 WHEN 'SENT' THEN 2
                       WHEN 'WITHDRAWN' THEN CASE WHEN p.r3 < 0.3 THEN 1 ELSE 3 END ELSE 3 END AS stage
        FROM (
          SELECT b.*,
            CASE
              WHEN b.age_days > 180 THEN
                CASE WHEN b.r2 < 0.80 THEN CASE WHEN b.type = 'PRESERVATION' AND b.r2 < 0.05 THEN 'EXPIRED' ELSE 'CLOSED' END
                     WHEN b.r2 < 0.86 THEN 'REFUSED' WHEN b.r2 < 0.90 THEN 'WITHDRAWN'
                     WHEN b.r2 < 0.96 THEN CASE WHEN b.type = 'PRESERVATION' THEN 'PRESERVED' ELSE 'IN_EXECUTION' END
                     WHEN b.r2 < 0.98 THEN 'INFO_REQUESTED' ELSE 'ACKNOWLEDGED' END
              WHEN b.age_days > 30 THEN
                CASE WHEN b.r2 < 0.45 THEN 'CLOSED' WHEN b.r2 < 0.50 THEN 'REFUSED' WHEN b.r2 < 0.53 THEN 'WITHDRAWN'
                     WHEN b.r2 < 0.58 THEN CASE WHEN b.type = 'PRESERVATION' THEN 'PRESERVED' ELSE 'EVIDENCE_RECEIVED' END
                     WHEN b.r2 < 0.80 THEN CASE WHEN b.type = 'PRESERVATION' THEN 'PRESERVED' ELSE 'IN_EXECUTION' END
                     WHEN b.r2 < 0.86 THEN 'INFO_REQUESTED' WHEN b.r2 < 0.94 THEN 'ACKNOWLEDGED'
                     WHEN b.r2 < 0.97 THEN 'SENT' ELSE 'IN_REVIEW' END
              ELSE
                CASE WHEN b.r2 < 0.10 THEN 'DRAFT' WHEN b.r2 < 0.22 THEN 'IN_REVIEW' WHEN b.r2 < 0.42 THEN 'SENT'
                     WHEN b.r2 < 0.65 THEN 'ACKNOWLEDGED'
                     WHEN b.r2 < 0.90 THEN CASE WHEN b.type = 'PRESERVATION' THEN 'PRESERVED' ELSE 'IN_EXECUTION' END
                     WHEN b.r2 < 0.95 THEN 'INFO_REQUESTED' ELSE 'CLOSED' END
            END AS state
          FROM (
            SELECT a.*, extract(epoch FROM ($1::timestamptz - a.created_at)) / 86400 AS age_days
            FROM (
              SELECT i,
                CASE WHEN u1 < 0.55 THEN 'VN' WHEN u1 < 0.80 THEN cp ELSE cp END AS requesting,
                CASE WHEN u1 < 0.55 THEN cp WHEN u1 < 0.80 THEN 'VN' ELSE cp2 END AS requested,
                $1::timestamptz - (730 * power(random(), 1.3)) * interval '1 day' AS created_at,
                (ARRAY['PRESERVATION','SUBSCRIBER_INFO','SUBSCRIBER_INFO','TRAFFIC_DATA','CONTENT_DATA','SUBSCRIBER_INFO','SEIZED_DEVICE','WITNESS_STATEMENT','OTHER','TRAFFIC_DATA'])[1 + floor(random() * 10)::int] AS type,
                CASE WHEN random() < 0.75 THEN 'ROUTINE' WHEN random() < 0.8 THEN 'URGENT' ELSE 'EMERGENCY' END AS priority,
                CASE WHEN random() < 0.7 THEN 'CENTRAL_AUTHORITY' WHEN random() < 0.67 THEN 'NETWORK_24_7' ELSE 'DIRECT' END AS channel,
                random() AS r2, random() AS r3, random() AS r4
              FROM (
                SELECT i, u1, cp,
                  -- a counterpart other than cp, for the 20 % between counterparts
                  (ARRAY['SG','TH','MY','ID','PH'])[1 + ((array_position(ARRAY['SG','TH','MY','ID','PH'], cp) + floor(random() * 4)::int) % 5)] AS cp2
                FROM (
                  SELECT i, random() AS u1,
                    (ARRAY['SG','SG','SG','SG','SG','SG','SG','TH','TH','TH','TH','MY','MY','MY','MY','ID','ID','ID','PH','PH'])[1 + floor(random() * 20)::int] AS cp
                  FROM generate_series(1, $2::int) AS i
                ) x
              ) y
            ) a
          ) b
        ) p
      ) s
    ) g
    JOIN bench_parties pa ON pa.country = g.requesting
    JOIN bench_parties pb ON pb.country = g.requested`,
    [now, total],
  );

  // Deadlines: REVIEW from submit, ACKNOWLEDGEMENT (or PRESERVATION_CONFIRMATION) and
  // EXECUTION from send. Spans follow the default policy (business days as calendar days).
  await client.query(
    `
    INSERT INTO deadlines (request_id, kind, party, status, start_at, due_at, span_ms, escalation_level, met_at, ended_at, created_at, updated_at)
    SELECT k.request_id, k.kind, k.party,
      CASE WHEN k.met_at IS NOT NULL THEN 'MET'
           WHEN k.cancelled THEN 'CANCELLED'
           WHEN k.paused THEN 'PAUSED'
           WHEN k.due_at < $1::timestamptz THEN 'OVERDUE'
           ELSE 'PENDING' END,
      k.start_at, k.due_at, (extract(epoch FROM k.due_at - k.start_at) * 1000)::bigint,
      CASE WHEN k.met_at IS NOT NULL OR k.cancelled OR k.paused OR k.due_at >= $1::timestamptz THEN 0
           WHEN $1::timestamptz >= k.due_at + (k.due_at - k.start_at) / 2 THEN 2 ELSE 1 END,
      k.met_at, CASE WHEN k.cancelled THEN k.closed_at END, k.start_at, coalesce(k.met_at, k.closed_at, k.start_at)
    FROM (
      SELECT r.id AS request_id, d.kind, d.party, d.start_at, d.due_at, d.met_at, d.cancelled, d.paused, r.closed_at
      FROM bench_requests r
      CROSS JOIN LATERAL (
        SELECT * FROM (VALUES
          ('REVIEW', 'REQUESTING', r.submitted_at,
           r.submitted_at + CASE r.priority WHEN 'ROUTINE' THEN interval '7 days' WHEN 'URGENT' THEN interval '1 day' ELSE interval '4 hours' END,
           r.sent_at,
           r.sent_at IS NULL AND r.closed_at IS NOT NULL, false),
          (CASE WHEN r.type = 'PRESERVATION' THEN 'PRESERVATION_CONFIRMATION' ELSE 'ACKNOWLEDGEMENT' END, 'REQUESTED', r.sent_at,
           r.sent_at + CASE r.priority WHEN 'ROUTINE' THEN interval '7 days' WHEN 'URGENT' THEN interval '1 day' ELSE interval '8 hours' END,
           r.acknowledged_at,
           r.acknowledged_at IS NULL AND r.closed_at IS NOT NULL, false),
          ('EXECUTION', 'REQUESTED', r.sent_at,
           r.sent_at + CASE WHEN r.priority = 'EMERGENCY' THEN interval '96 hours'
                            WHEN r.type = 'SUBSCRIBER_INFO' THEN CASE r.priority WHEN 'ROUTINE' THEN interval '20 days' ELSE interval '10 days' END
                            WHEN r.type = 'TRAFFIC_DATA' THEN CASE r.priority WHEN 'ROUTINE' THEN interval '45 days' ELSE interval '20 days' END
                            ELSE CASE r.priority WHEN 'ROUTINE' THEN interval '90 days' ELSE interval '30 days' END END,
           CASE WHEN r.state IN ('CLOSED','EVIDENCE_RECEIVED') THEN least(coalesce(r.closed_at, $1::timestamptz), r.acknowledged_at + (1 + 120 * random() * random()) * interval '1 day') END,
           r.state IN ('REFUSED','WITHDRAWN'), r.state = 'INFO_REQUESTED')
        ) AS v(kind, party, start_at, due_at, met_at, cancelled, paused)
        WHERE v.start_at IS NOT NULL AND (v.kind <> 'EXECUTION' OR r.type <> 'PRESERVATION')
      ) d
    ) k`,
    [now],
  );

  // Chases (the `chase` events the statistics count): one sent request in ten, chased one to
  // three times, a week after it was sent and every two weeks after, while it was open.
  await client.query(
    `
    CREATE TEMP TABLE bench_chases AS
    SELECT r.id AS request_id, r.event_seq + k AS seq, r.state,
      least(r.sent_at + (7 + 14 * (k - 1)) * interval '1 day', coalesce(r.closed_at, $1::timestamptz) - interval '1 minute') AS at
    FROM bench_requests r
    CROSS JOIN LATERAL generate_series(1, 1 + floor(random() * 3)::int) AS k
    WHERE r.sent_at IS NOT NULL AND r.sent_at < $1::timestamptz - interval '8 days' AND hashtext(r.reference) % 10 = 0`,
    [now],
  );
  await client.query(
    `
    INSERT INTO request_events (request_id, seq, action, from_state, to_state, actor, input, occurred_at, prev_hash, hash, audience)
    SELECT c.request_id, c.seq, 'chase', c.state, c.state, '{"role":"OFFICER"}', jsonb_build_object('channel', 'EMAIL', 'dispatchedAt', c.at, 'reference', 'CHASE-' || c.seq),
      c.at, NULL, md5(c.request_id::text || c.seq) || md5(c.seq || c.request_id::text), 'REQUESTING'
    FROM bench_chases c`,
  );

  // The requests, each with the chases and what its deadlines give (executed_at, deadline_outcomes:
  // REQUEST_OUTCOMES_OF_DEADLINES), in the order they were created, as a live table holds them
  // (a day's requests on a few pages, not one page each).
  await client.query(
    `
    INSERT INTO requests (id, reference, version, state, type, priority, channel, legal_basis,
      requesting_authority_id, requested_authority_id, requesting_country, requested_country, created_by,
      assignee_id, title, facts, measures, identifiers, event_seq,
      submitted_at, sent_at, acknowledged_at, closed_at, created_at, updated_at,
      executed_at, deadline_outcomes, chase_count, last_chased_at)
    SELECT b.id, b.reference, b.version + coalesce(c.n, 0), b.state, b.type, b.priority, b.channel, b.legal_basis,
      b.requesting_authority_id, b.requested_authority_id, b.requesting_country, b.requested_country, b.created_by,
      b.assignee_id, b.title, b.facts, '["Produce the data"]', '[]', b.event_seq + coalesce(c.n, 0),
      b.submitted_at, b.sent_at, b.acknowledged_at, b.closed_at, b.created_at, b.updated_at,
      o.executed_at, coalesce(o.outcomes, '{${new Array(18).fill(0).join(',')}}'), coalesce(c.n, 0), c.last_at
    FROM bench_requests b
    LEFT JOIN (${outcomesOfDeadlines}) o ON o.request_id = b.id
    LEFT JOIN (SELECT request_id, count(*)::int AS n, max(at) AS last_at FROM bench_chases GROUP BY request_id) c ON c.request_id = b.id
    ORDER BY b.created_at`,
  );
  await client.query(`DROP TABLE bench_requests, bench_chases, bench_parties`);

  // Dead webhook deliveries: one notification in two hundred of the sent requests.
  await client.query(
    `
    WITH picked AS (
      SELECT r.id, r.requested_authority_id, r.sent_at FROM requests r WHERE r.sent_at IS NOT NULL AND random() < 0.005
    ), o AS (
      INSERT INTO outbox (type, request_id, event_seq, recipient_authority_id, payload, created_at, dispatched_at)
      SELECT 'request.sent', id, 3, requested_authority_id, '{}'::jsonb, sent_at, sent_at FROM picked
      RETURNING id, recipient_authority_id, created_at
    )
    INSERT INTO webhook_deliveries (outbox_id, authority_id, url, status, attempts, last_status_code, created_at, last_attempt_at, dead_at)
    SELECT id, recipient_authority_id, 'https://receiver.example/hook', 'DEAD', 8, 503, created_at, created_at + interval '1 day', created_at + interval '1 day' FROM o`,
  );
}

module.exports = { seedCounterparts, generate };
