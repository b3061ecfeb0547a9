-- Reports (hand-written; see server/modules/reports/service.ts): withdrawn apart from stopped,
-- trips per dossier, and cheaper dossier triggers. Replaces the dossier side of 0011:
-- - one function gives one dossier row's contribution (taking the row), used for the new rows
--   with sign +1 and the old rows with sign -1, and one statement (built once, run by EXECUTE so
--   the same text reads new_rows, old_rows or both) pivots and appends it: the three copies of
--   0011's INSERT … FILTER … HAVING are one;
-- - `stopped` counts the authority's stops only, `withdrawn` the applicant's (on the closed day);
--   `returned` counts the dossiers handed over on the local day of `returned_at`, and
--   `returned_visits` adds their trips to the desk (`dossiers.visits`);
-- - an UPDATE that changes no column the reports read (an assignment, a note, a file, the
--   version) appends nothing and returns before any aggregate.
DROP FUNCTION reports_dossier_events(dossier_status, timestamptz, timestamptz, timestamptz, timestamptz, dossier_timeliness, dossier_outcome, timestamptz, timestamptz, integer, timestamptz, timestamptz, timestamptz);
--> statement-breakpoint
-- What one dossier counts, as (local day, figure, value) rows (the definitions of 0011, plus
-- withdrawn and returned). Stocks are +1 on the day they start and -1 on the day they end.
CREATE FUNCTION reports_dossier_events(d dossiers) RETURNS TABLE (day date, measure text, value integer)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
  WITH f AS (
    SELECT
      d.status NOT IN ('pending_acceptance', 'intake_incomplete', 'not_accepted') AS c,
      reports_day(d.received_at) AS s,
      CASE WHEN d.finished_at IS NOT NULL THEN reports_day(d.finished_at)
           WHEN d.status IN ('stopped', 'closed') THEN reports_day(coalesce(d.closed_at, d.updated_at)) END AS e,
      reports_day(coalesce(d.original_due_at, d.due_at)) AS dl,
      reports_day(d.supplement_requested_at) AS ps,
      reports_day(d.supplement_received_at) AS pr,
      CASE WHEN d.status = 'payment_requested' AND d.finished_at IS NULL THEN reports_day(coalesce(d.paused_at, d.updated_at)) END AS pp
  ), g AS (
    SELECT f.*,
      greatest(f.dl, f.s) AS od,
      greatest(f.ps, f.s) AS psc,
      -- the supplementation stop ends at the receipt, else with the dossier (null: still waiting)
      CASE WHEN f.ps IS NULL THEN NULL WHEN f.pr IS NOT NULL THEN f.pr ELSE f.e END AS pe,
      -- overdue time ends with the dossier, or where a clock stop began whose due date was not recomputed
      least(f.e, CASE WHEN f.ps IS NOT NULL AND f.pr IS NULL THEN greatest(f.ps, f.s) END, CASE WHEN f.pp IS NOT NULL THEN greatest(f.pp, f.s) END) AS ostop
    FROM f
  )
  SELECT v.day, v.measure, v.value FROM g, LATERAL (VALUES
    (CASE WHEN g.c THEN g.s END, 'received', 1),
    (CASE WHEN g.c THEN g.s END, 'open_delta', 1),
    (CASE WHEN g.c THEN g.e END, 'open_delta', -1),
    (CASE WHEN g.c AND d.finished_at IS NOT NULL THEN g.e END,
      CASE d.timeliness WHEN 'early' THEN 'settled_early' WHEN 'on_time' THEN 'settled_on_time' ELSE 'settled_late' END, 1),
    (CASE WHEN g.c AND d.finished_at IS NOT NULL AND d.outcome = 'rejected' THEN g.e END, 'settled_refused', 1),
    (CASE WHEN g.c AND d.finished_at IS NULL AND d.status = 'stopped' THEN g.e END, CASE WHEN d.withdrawn THEN 'withdrawn' ELSE 'stopped' END, 1),
    (CASE WHEN g.c AND d.finished_at IS NULL AND d.status = 'closed' THEN g.e END, 'closed_unsupplemented', 1),
    (CASE WHEN g.c AND g.dl IS NOT NULL AND (g.ostop IS NULL OR g.od < g.ostop) THEN g.od END, 'overdue_delta', 1),
    (CASE WHEN g.c AND g.dl IS NOT NULL AND g.od < g.ostop THEN g.ostop END, 'overdue_delta', -1),
    (CASE WHEN g.c AND g.ps IS NOT NULL AND (g.pe IS NULL OR g.psc < g.pe) THEN g.psc END, 'paused_delta', 1),
    (CASE WHEN g.c AND g.ps IS NOT NULL AND g.psc < g.pe THEN g.pe END, 'paused_delta', -1),
    (CASE WHEN g.c AND g.pp IS NOT NULL THEN greatest(g.pp, g.s) END, 'paused_delta', 1),
    (CASE WHEN d.supplement_requests > 0 THEN g.ps END, 'supplement_requests', d.supplement_requests),
    (CASE WHEN d.status = 'intake_incomplete' THEN g.s END, 'intake_incomplete', 1),
    (CASE WHEN d.status = 'not_accepted' THEN reports_day(coalesce(d.closed_at, d.received_at)) END, 'intake_refused', 1),
    (CASE WHEN g.c THEN reports_day(d.returned_at) END, 'returned', 1),
    (CASE WHEN g.c THEN reports_day(d.returned_at) END, 'returned_visits', d.visits)
  ) v(day, measure, value)
  WHERE v.day IS NOT NULL
$$;
--> statement-breakpoint
-- What of a dossier row the reports read: its dimensions and every input of the two functions
-- above (updated_at only where it stands in for a missing closed_at or paused_at).
CREATE FUNCTION reports_dossier_inputs(d dossiers) RETURNS jsonb
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
  SELECT jsonb_build_array(d.settling_unit_id, d.procedure_id, d.channel, d.created_by, d.status, d.received_at, d.finished_at, d.closed_at,
    CASE WHEN (d.status IN ('stopped', 'closed') AND d.closed_at IS NULL) OR (d.status = 'payment_requested' AND d.paused_at IS NULL) THEN d.updated_at END,
    d.timeliness, d.outcome, d.due_at, d.original_due_at, d.supplement_requests, d.supplement_requested_at, d.supplement_received_at, d.paused_at,
    d.clock_started_at, d.withdrawn, d.returned_at, d.visits)
$$;
--> statement-breakpoint
-- The statements appending the contributions of `src`, a query of (sign, r dossiers) rows.
CREATE FUNCTION reports_dossier_statements(src text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
  SELECT ARRAY[
    format('INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, %1$s) '
      'SELECT * FROM (SELECT e.day, (x.r).settling_unit_id, (x.r).procedure_id, (x.r).channel, (x.r).created_by, %2$s '
      'FROM (%3$s) x CROSS JOIN LATERAL reports_dossier_events(x.r) e GROUP BY 1, 2, 3, 4, 5) t WHERE %4$s',
      string_agg(quote_ident(m), ', ' ORDER BY i),
      string_agg(format('coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = %L), 0) AS %I', m, m), ', ' ORDER BY i),
      src,
      string_agg(format('t.%I <> 0', m), ' OR ' ORDER BY i)),
    format('INSERT INTO report_duration_events (day, unit_id, procedure_id, channel, officer_id, start_day, due_day, n) '
      'SELECT e.day, (x.r).settling_unit_id, (x.r).procedure_id, (x.r).channel, (x.r).created_by, e.start_day, e.due_day, sum(x.sign) '
      'FROM (%1$s) x CROSS JOIN LATERAL reports_duration_events((x.r).status, (x.r).received_at, (x.r).finished_at, (x.r).clock_started_at, (x.r).original_due_at, (x.r).due_at) e '
      'GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(x.sign) <> 0', src)]
  FROM unnest(ARRAY['received', 'settled_early', 'settled_on_time', 'settled_late', 'settled_refused', 'stopped', 'withdrawn', 'closed_unsupplemented',
    'intake_incomplete', 'intake_refused', 'supplement_requests', 'open_delta', 'overdue_delta', 'paused_delta', 'returned', 'returned_visits']) WITH ORDINALITY AS l(m, i)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_dossiers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text;
  stmt text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    src := 'SELECT 1 AS sign, ROW(n.*)::dossiers AS r FROM new_rows n';
  ELSIF TG_OP = 'DELETE' THEN
    src := 'SELECT -1 AS sign, ROW(o.*)::dossiers AS r FROM old_rows o';
  ELSE
    -- Rows keep their id; a statement none of whose rows changed what the reports read appends nothing.
    -- (A set difference, hashed or sorted: transition tables have no index for a join to use.)
    IF NOT EXISTS (SELECT n.id, reports_dossier_inputs(ROW(n.*)::dossiers) FROM new_rows n
                   EXCEPT ALL SELECT o.id, reports_dossier_inputs(ROW(o.*)::dossiers) FROM old_rows o) THEN
      RETURN NULL;
    END IF;
    src := 'SELECT 1 AS sign, ROW(n.*)::dossiers AS r FROM new_rows n UNION ALL SELECT -1, ROW(o.*)::dossiers FROM old_rows o';
  END IF;
  FOREACH stmt IN ARRAY reports_dossier_statements(src) LOOP
    EXECUTE stmt;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Dossiers returned before this migration: their `returned` (their visits are all 0, the column is new).
INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, returned, returned_visits)
  SELECT reports_day(returned_at), settling_unit_id, procedure_id, channel, created_by, count(*), sum(visits)
  FROM dossiers
  WHERE returned_at IS NOT NULL AND status NOT IN ('pending_acceptance', 'intake_incomplete', 'not_accepted')
  GROUP BY 1, 2, 3, 4, 5;
