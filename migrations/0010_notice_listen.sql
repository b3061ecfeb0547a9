-- A new applicant notice wakes the notify workers at once (LISTEN motcua_notice in
-- server/modules/notify/jobs.ts) instead of at the next minute's sweep. NOTIFY is
-- transactional: it is delivered when the inserting transaction commits, and not
-- at all when it rolls back; equal payloads of one transaction are folded into one.
CREATE FUNCTION motcua_notice_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('motcua_notice', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER applicant_notices_notify AFTER INSERT ON applicant_notices FOR EACH STATEMENT EXECUTE FUNCTION motcua_notice_inserted();
