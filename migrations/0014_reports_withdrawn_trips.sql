-- Reports (hand-written; see server/modules/reports/service.ts): withdrawn apart from stopped,
-- trips per dossier, and cheaper dossier triggers. Replaces the dossier side of 0011:
-- - one function gives one dossier row's contribution (taking the row), used for the new rows
--   with sign +1 and the old rows with sign -1, and one static statement pivots and appends it
--   (the rows of new_rows, old_rows or both gathered first): the three copies of 0011's
--   INSERT … FILTER … HAVING are one;
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
-- A dossier row with the sign of its contribution: +1 for a new row, -1 for an old one.
CREATE TYPE reports_signed_dossier AS (sign integer, r dossiers);
--> statement-breakpoint
-- Static SQL only: PL/pgSQL keeps the plans of its static statements for the session, where
-- EXECUTE would parse and plan them again at every statement (measured: ~7 ms of a 8 ms desk intake).
-- The rows of the statement are gathered first, so the one pivot below serves INSERT, UPDATE and DELETE.
-- force_generic_plan: the statements' one parameter is the gathered rows, whose count a custom plan
-- would be re-planned for at every call (to no better plan).
CREATE OR REPLACE FUNCTION reports_dossiers_changed() RETURNS trigger LANGUAGE plpgsql
  SET plan_cache_mode = force_generic_plan
  AS $$
DECLARE
  changed reports_signed_dossier[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed := ARRAY(SELECT ROW(1, ROW(n.*)::dossiers)::reports_signed_dossier FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    changed := ARRAY(SELECT ROW(-1, ROW(o.*)::dossiers)::reports_signed_dossier FROM old_rows o);
  ELSE
    -- Rows keep their id; a statement none of whose rows changed what the reports read (the
    -- dimensions and every input of the functions above; updated_at only where it stands in for a
    -- missing closed_at or paused_at) appends nothing. A set difference, hashed or sorted:
    -- transition tables have no index for a join to use.
    IF NOT EXISTS (SELECT n.id, n.settling_unit_id, n.procedure_id, n.channel, n.created_by, n.status, n.received_at, n.finished_at, n.closed_at,
                     CASE WHEN (n.status IN ('stopped', 'closed') AND n.closed_at IS NULL) OR (n.status = 'payment_requested' AND n.paused_at IS NULL) THEN n.updated_at END,
                     n.timeliness, n.outcome, n.due_at, n.original_due_at, n.supplement_requests, n.supplement_requested_at, n.supplement_received_at,
                     n.paused_at, n.clock_started_at, n.withdrawn, n.returned_at, n.visits
                   FROM new_rows n
                   EXCEPT ALL
                   SELECT o.id, o.settling_unit_id, o.procedure_id, o.channel, o.created_by, o.status, o.received_at, o.finished_at, o.closed_at,
                     CASE WHEN (o.status IN ('stopped', 'closed') AND o.closed_at IS NULL) OR (o.status = 'payment_requested' AND o.paused_at IS NULL) THEN o.updated_at END,
                     o.timeliness, o.outcome, o.due_at, o.original_due_at, o.supplement_requests, o.supplement_requested_at, o.supplement_received_at,
                     o.paused_at, o.clock_started_at, o.withdrawn, o.returned_at, o.visits
                   FROM old_rows o) THEN
      RETURN NULL;
    END IF;
    changed := ARRAY(SELECT ROW(1, ROW(n.*)::dossiers)::reports_signed_dossier FROM new_rows n
                     UNION ALL SELECT ROW(-1, ROW(o.*)::dossiers)::reports_signed_dossier FROM old_rows o);
  END IF;
  INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, withdrawn, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, returned, returned_visits)
  SELECT * FROM (
    SELECT e.day, (x.r).settling_unit_id, (x.r).procedure_id, (x.r).channel, (x.r).created_by,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'received'), 0) AS received,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'settled_early'), 0) AS settled_early,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'settled_on_time'), 0) AS settled_on_time,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'settled_late'), 0) AS settled_late,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'settled_refused'), 0) AS settled_refused,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'stopped'), 0) AS stopped,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'withdrawn'), 0) AS withdrawn,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'closed_unsupplemented'), 0) AS closed_unsupplemented,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'intake_incomplete'), 0) AS intake_incomplete,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'intake_refused'), 0) AS intake_refused,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'supplement_requests'), 0) AS supplement_requests,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'open_delta'), 0) AS open_delta,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'overdue_delta'), 0) AS overdue_delta,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'paused_delta'), 0) AS paused_delta,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'returned'), 0) AS returned,
      coalesce(sum(x.sign * e.value) FILTER (WHERE e.measure = 'returned_visits'), 0) AS returned_visits
    FROM unnest(changed) x CROSS JOIN LATERAL reports_dossier_events(x.r) e
    GROUP BY 1, 2, 3, 4, 5
  ) t
  WHERE t.received <> 0 OR t.settled_early <> 0 OR t.settled_on_time <> 0 OR t.settled_late <> 0 OR t.settled_refused <> 0 OR t.stopped <> 0 OR t.withdrawn <> 0 OR t.closed_unsupplemented <> 0 OR t.intake_incomplete <> 0 OR t.intake_refused <> 0 OR t.supplement_requests <> 0 OR t.open_delta <> 0 OR t.overdue_delta <> 0 OR t.paused_delta <> 0 OR t.returned <> 0 OR t.returned_visits <> 0;
  INSERT INTO report_duration_events (day, unit_id, procedure_id, channel, officer_id, start_day, due_day, n)
  SELECT e.day, (x.r).settling_unit_id, (x.r).procedure_id, (x.r).channel, (x.r).created_by, e.start_day, e.due_day, sum(x.sign)
  FROM unnest(changed) x
    CROSS JOIN LATERAL reports_duration_events((x.r).status, (x.r).received_at, (x.r).finished_at, (x.r).clock_started_at, (x.r).original_due_at, (x.r).due_at) e
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(x.sign) <> 0;
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
