-- The audit log is append-only and hash-chained.
-- Each row's hash covers its canonical text, which includes the previous row's
-- hash, so editing or deleting any row breaks the chain from there on
-- (`npm run audit:verify` recomputes it outside the database).
-- seq/prev_hash/hash are assigned here, under a transaction-level advisory lock,
-- so concurrent transactions append one after another in commit order.

CREATE FUNCTION audit_log_canonical(r audit_log) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT concat_ws(E'\x1f',
    r.seq::text,
    r.prev_hash,
    to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(r.actor_id::text, ''),
    r.actor_kind,
    coalesce(r.unit_id::text, ''),
    r.action,
    coalesce(r.object_type, ''),
    coalesce(r.object_id, ''),
    coalesce(r.ip, ''),
    r.outcome::text,
    r.details::text)
$$;
--> statement-breakpoint
CREATE FUNCTION audit_log_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(4841730292718);
  SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.occurred_at := clock_timestamp();
  NEW.hash := encode(sha256(convert_to(audit_log_canonical(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
