import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The spine's schema: authorities, users, requests with their append-only, hash-chained
 * events, evidence items, deadlines, the outbox, idempotency keys and the reference
 * sequence. Never edit a committed migration: add a new one.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE authorities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        kind varchar(30) NOT NULL CHECK (kind IN ('PROSECUTION_OFFICE','CENTRAL_AUTHORITY','CONTACT_POINT_24_7')),
        timezone varchar(64) NOT NULL,
        language varchar(16) NOT NULL,
        webhook_url varchar(2000),
        webhook_secret varchar(200),
        -- millisecond precision, as the keyset cursors and JSON timestamps carry
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX authorities_country_idx ON authorities (country)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(320) NOT NULL,
        display_name varchar(200) NOT NULL,
        role varchar(20) NOT NULL CHECK (role IN ('PROSECUTOR','OFFICER','SUPERVISOR','ADMIN')),
        authority_id uuid REFERENCES authorities(id),
        password_hash varchar(200) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        -- millisecond precision, as the keyset cursors and JSON timestamps carry
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (role = 'ADMIN' OR authority_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE INDEX users_authority_idx ON users (authority_id)`);

    await q.query(`
      CREATE TABLE reference_sequences (
        country char(2) NOT NULL,
        year integer NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (country, year)
      )`);

    await q.query(`
      CREATE TABLE requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference varchar(32) NOT NULL UNIQUE,
        version integer NOT NULL DEFAULT 1,
        state varchar(30) NOT NULL,
        type varchar(30) NOT NULL,
        priority varchar(20) NOT NULL,
        channel varchar(30) NOT NULL,
        legal_basis varchar(40) NOT NULL,
        treaty_name varchar(300),
        requesting_authority_id uuid NOT NULL REFERENCES authorities(id),
        requested_authority_id uuid NOT NULL REFERENCES authorities(id),
        requesting_country char(2) NOT NULL,
        requested_country char(2) NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        sending_authority_id uuid REFERENCES authorities(id),
        assignee_id uuid REFERENCES users(id),
        title varchar(300),
        offence jsonb,
        facts text,
        measures jsonb NOT NULL DEFAULT '[]',
        identifiers jsonb NOT NULL DEFAULT '[]',
        related_request_id uuid REFERENCES requests(id),
        needed_by date,
        confidential boolean NOT NULL DEFAULT false,
        resume_state varchar(30),
        preserved_until timestamptz,
        preservation_extensions integer NOT NULL DEFAULT 0,
        executing_body varchar(300),
        delay_estimate jsonb,
        outcome text,
        refusal jsonb,
        delivery_count integer NOT NULL DEFAULT 0,
        event_seq integer NOT NULL DEFAULT 0,
        last_event_hash char(64),
        submitted_at timestamptz,
        sent_at timestamptz,
        acknowledged_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz,
        CHECK (requesting_country <> requested_country)
      )`);
    await q.query(`CREATE INDEX requests_requesting_authority_idx ON requests (requesting_authority_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX requests_requested_authority_idx ON requests (requested_authority_id, created_at DESC, id DESC) WHERE deleted_at IS NULL AND sent_at IS NOT NULL`);
    await q.query(`CREATE INDEX requests_requesting_country_idx ON requests (requesting_country, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX requests_requested_country_idx ON requests (requested_country, created_at DESC, id DESC) WHERE deleted_at IS NULL AND sent_at IS NOT NULL`);
    await q.query(`CREATE INDEX requests_related_idx ON requests (related_request_id) WHERE related_request_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE request_events (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES requests(id),
        seq integer NOT NULL,
        action varchar(40) NOT NULL,
        from_state varchar(30),
        to_state varchar(30),
        actor jsonb NOT NULL,
        input jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        prev_hash char(64),
        hash char(64) NOT NULL,
        UNIQUE (request_id, seq)
      )`);
    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER request_events_append_only BEFORE UPDATE OR DELETE ON request_events FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER request_events_no_truncate BEFORE TRUNCATE ON request_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);

    await q.query(`
      CREATE TABLE evidence_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES requests(id),
        delivery_no integer NOT NULL,
        item_no integer NOT NULL,
        description text NOT NULL,
        kind varchar(20) NOT NULL,
        sha256 char(64),
        size_bytes bigint,
        supersedes_id uuid REFERENCES evidence_items(id),
        custody jsonb NOT NULL DEFAULT '[]',
        content_stored_at timestamptz,
        delivered_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL,
        UNIQUE (request_id, delivery_no, item_no)
      )`);
    await q.query(`
      CREATE FUNCTION evidence_items_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND OLD.content_stored_at IS NULL AND NEW.content_stored_at IS NOT NULL
           AND (to_jsonb(NEW) - 'content_stored_at') = (to_jsonb(OLD) - 'content_stored_at') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'evidence items are never edited or deleted: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER evidence_items_immutable BEFORE UPDATE OR DELETE ON evidence_items FOR EACH ROW EXECUTE FUNCTION evidence_items_guard()`);

    await q.query(`
      CREATE TABLE deadlines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES requests(id),
        kind varchar(40) NOT NULL,
        party varchar(20) NOT NULL CHECK (party IN ('REQUESTING','REQUESTED')),
        status varchar(20) NOT NULL CHECK (status IN ('PENDING','PAUSED','MET','OVERDUE','CANCELLED')),
        start_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        span_ms bigint NOT NULL,
        remaining_ms bigint,
        escalation_level smallint NOT NULL DEFAULT 0,
        reminders_sent smallint NOT NULL DEFAULT 0,
        scheduled_for timestamptz,
        met_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX deadlines_request_idx ON deadlines (request_id)`);
    await q.query(`CREATE UNIQUE INDEX deadlines_open_kind_key ON deadlines (request_id, kind) WHERE status IN ('PENDING','PAUSED','OVERDUE')`);
    await q.query(`CREATE INDEX deadlines_open_due_idx ON deadlines (due_at) WHERE status IN ('PENDING','OVERDUE')`);
    // The reconciler's sweep: open deadlines whose job should have fired (or was never scheduled).
    await q.query(`CREATE INDEX deadlines_scheduled_idx ON deadlines (scheduled_for NULLS FIRST) WHERE status IN ('PENDING','OVERDUE')`);

    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type varchar(60) NOT NULL,
        request_id uuid REFERENCES requests(id),
        event_seq integer,
        recipient_authority_id uuid NOT NULL REFERENCES authorities(id),
        recipient_user_id uuid REFERENCES users(id),
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        dispatched_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE dispatched_at IS NULL`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key varchar(200) NOT NULL,
        method varchar(10) NOT NULL,
        path varchar(500) NOT NULL,
        body_hash char(64) NOT NULL,
        status_code integer,
        response_headers jsonb,
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'outbox', 'deadlines', 'evidence_items', 'request_events', 'requests', 'reference_sequences', 'users', 'authorities']) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS evidence_items_guard()`);
    await q.query(`DROP FUNCTION IF EXISTS refuse_change()`);
  }
}
