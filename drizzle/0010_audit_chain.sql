CREATE TABLE "audit_chain_heads" (
	"chain_key" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_project_id_projects_id_fk";
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_chain_seq_uq" ON "audit_events" USING btree (coalesce("project_id", ''),"seq");--> statement-breakpoint
-- hand-written
-- The one definition of a row's hash, used by the insert trigger, the backfill below and
-- `audit:verify`. jsonb's text form is canonical (sorted keys, fixed spacing) and the time is
-- printed in UTC, so the same row hashes the same on PGlite and PostgreSQL whatever the session's
-- TimeZone. sha256() is core PostgreSQL (no pgcrypto needed, PGlite has no pgcrypto).
CREATE OR REPLACE FUNCTION cm_audit_row_hash(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(e.prev_hash, '') || jsonb_build_array(
    e.id, e.seq, e.project_id, e.action, e.actor_type::text, e.actor_id, e.actor_label,
    e.connection_id, e.connection_external_id, e.connection_name, e.flow_id, e.details,
    to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Chains the new row to the newest row of its chain. The advisory lock (class 7302, per chain) is
-- held until commit, so writers on several instances append one after another instead of forking;
-- a volatile trigger takes a fresh snapshot per statement, so it reads the head committed before it.
CREATE OR REPLACE FUNCTION cm_audit_chain_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k text := coalesce(NEW.project_id, '');
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7302, hashtext(k));
  SELECT seq, hash INTO last_seq, last_hash FROM audit_chain_heads WHERE chain_key = k;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := last_hash;
  NEW.hash := cm_audit_row_hash(NEW);
  INSERT INTO audit_chain_heads (chain_key, seq, hash) VALUES (k, NEW.seq, NEW.hash)
    ON CONFLICT (chain_key) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, updated_at = now();
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- The app never changes or removes an audit row; only the retention prune may delete, and it says
-- so with a transaction-local setting: set_config('cm.audit_prune', 'on', true).
CREATE OR REPLACE FUNCTION cm_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('cm.audit_prune', true), '') = 'on' THEN
    IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
-- Rows written before this migration: chained in the order they were written, per chain.
DO $$
DECLARE
  e audit_events;
  k text;
  prev_k text := NULL;
  s bigint := 0;
  h text := NULL;
BEGIN
  FOR e IN SELECT * FROM audit_events ORDER BY coalesce(project_id, ''), created_at, id LOOP
    k := coalesce(e.project_id, '');
    IF prev_k IS DISTINCT FROM k THEN
      IF prev_k IS NOT NULL THEN
        INSERT INTO audit_chain_heads (chain_key, seq, hash) VALUES (prev_k, s, h);
      END IF;
      prev_k := k;
      s := 0;
      h := NULL;
    END IF;
    s := s + 1;
    e.seq := s;
    e.prev_hash := h;
    e.hash := cm_audit_row_hash(e);
    h := e.hash;
    UPDATE audit_events SET seq = e.seq, prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id;
  END LOOP;
  IF prev_k IS NOT NULL THEN
    INSERT INTO audit_chain_heads (chain_key, seq, hash) VALUES (prev_k, s, h);
  END IF;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION cm_audit_chain_insert();
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION cm_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION cm_audit_append_only();
