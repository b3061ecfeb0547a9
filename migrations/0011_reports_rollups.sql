CREATE TABLE "report_duration_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"unit_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"channel" "dossier_channel" NOT NULL,
	"officer_id" uuid,
	"start_day" date NOT NULL,
	"due_day" date,
	"n" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_durations" (
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"unit_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"channel" "dossier_channel" NOT NULL,
	"officer_id" uuid,
	"days" integer NOT NULL,
	"dossiers" integer DEFAULT 0 NOT NULL,
	"with_due" integer DEFAULT 0 NOT NULL,
	"allowed_days" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_durations_key" UNIQUE NULLS NOT DISTINCT("unit_id","grain","period","procedure_id","channel","officer_id","days")
);
--> statement-breakpoint
CREATE TABLE "report_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"unit_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"channel" "dossier_channel" NOT NULL,
	"officer_id" uuid,
	"received" integer DEFAULT 0 NOT NULL,
	"settled_early" integer DEFAULT 0 NOT NULL,
	"settled_on_time" integer DEFAULT 0 NOT NULL,
	"settled_late" integer DEFAULT 0 NOT NULL,
	"settled_refused" integer DEFAULT 0 NOT NULL,
	"stopped" integer DEFAULT 0 NOT NULL,
	"closed_unsupplemented" integer DEFAULT 0 NOT NULL,
	"intake_incomplete" integer DEFAULT 0 NOT NULL,
	"intake_refused" integer DEFAULT 0 NOT NULL,
	"supplement_requests" integer DEFAULT 0 NOT NULL,
	"open_delta" integer DEFAULT 0 NOT NULL,
	"overdue_delta" integer DEFAULT 0 NOT NULL,
	"paused_delta" integer DEFAULT 0 NOT NULL,
	"rated_very_satisfied" integer DEFAULT 0 NOT NULL,
	"rated_satisfied" integer DEFAULT 0 NOT NULL,
	"rated_neutral" integer DEFAULT 0 NOT NULL,
	"rated_dissatisfied" integer DEFAULT 0 NOT NULL,
	"rated_very_dissatisfied" integer DEFAULT 0 NOT NULL,
	"letters" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_rollup" (
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"unit_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"channel" "dossier_channel" NOT NULL,
	"officer_id" uuid,
	"received" integer DEFAULT 0 NOT NULL,
	"settled_early" integer DEFAULT 0 NOT NULL,
	"settled_on_time" integer DEFAULT 0 NOT NULL,
	"settled_late" integer DEFAULT 0 NOT NULL,
	"settled_refused" integer DEFAULT 0 NOT NULL,
	"stopped" integer DEFAULT 0 NOT NULL,
	"closed_unsupplemented" integer DEFAULT 0 NOT NULL,
	"intake_incomplete" integer DEFAULT 0 NOT NULL,
	"intake_refused" integer DEFAULT 0 NOT NULL,
	"supplement_requests" integer DEFAULT 0 NOT NULL,
	"open_delta" integer DEFAULT 0 NOT NULL,
	"overdue_delta" integer DEFAULT 0 NOT NULL,
	"paused_delta" integer DEFAULT 0 NOT NULL,
	"rated_very_satisfied" integer DEFAULT 0 NOT NULL,
	"rated_satisfied" integer DEFAULT 0 NOT NULL,
	"rated_neutral" integer DEFAULT 0 NOT NULL,
	"rated_dissatisfied" integer DEFAULT 0 NOT NULL,
	"rated_very_dissatisfied" integer DEFAULT 0 NOT NULL,
	"letters" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_rollup_key" UNIQUE NULLS NOT DISTINCT("unit_id","grain","period","procedure_id","channel","officer_id")
);

--> statement-breakpoint
-- Reports: the rollups' triggers (hand-written; see server/modules/reports/service.ts).
-- Every change of a dossier, a rating or a letter appends what it changes in the
-- figures to report_events (new contribution minus old), in the same transaction;
-- the reports job folds the events into report_rollup.
CREATE FUNCTION reports_day(ts timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (ts AT TIME ZONE 'Asia/Ho_Chi_Minh')::date $$;
--> statement-breakpoint
-- What one dossier counts, as (local day, figure, value) rows. "Case" = a dossier that
-- became one (not an online one waiting for acceptance, not an intake that did not).
-- Stocks (open, overdue, paused) are +1 on the day they start and -1 on the day they end,
-- so a stock at the end of a day is the sum of its deltas up to that day.
CREATE FUNCTION reports_dossier_events(
  status dossier_status, received_at timestamptz, finished_at timestamptz, closed_at timestamptz, updated_at timestamptz,
  timeliness dossier_timeliness, outcome dossier_outcome, due_at timestamptz, original_due_at timestamptz,
  supplement_requests integer, supplement_requested_at timestamptz, supplement_received_at timestamptz, paused_at timestamptz
) RETURNS TABLE (day date, measure text, value integer)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
  WITH f AS (
    SELECT
      status NOT IN ('pending_acceptance', 'intake_incomplete', 'not_accepted') AS c,
      reports_day(received_at) AS s,
      CASE WHEN finished_at IS NOT NULL THEN reports_day(finished_at)
           WHEN status IN ('stopped', 'closed') THEN reports_day(coalesce(closed_at, updated_at)) END AS e,
      reports_day(coalesce(original_due_at, due_at)) AS dl,
      reports_day(supplement_requested_at) AS ps,
      reports_day(supplement_received_at) AS pr,
      CASE WHEN status = 'payment_requested' AND finished_at IS NULL THEN reports_day(coalesce(paused_at, updated_at)) END AS pp
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
    (CASE WHEN g.c AND finished_at IS NOT NULL THEN g.e END,
      CASE timeliness WHEN 'early' THEN 'settled_early' WHEN 'on_time' THEN 'settled_on_time' ELSE 'settled_late' END, 1),
    (CASE WHEN g.c AND finished_at IS NOT NULL AND outcome = 'rejected' THEN g.e END, 'settled_refused', 1),
    (CASE WHEN g.c AND finished_at IS NULL AND status = 'stopped' THEN g.e END, 'stopped', 1),
    (CASE WHEN g.c AND finished_at IS NULL AND status = 'closed' THEN g.e END, 'closed_unsupplemented', 1),
    (CASE WHEN g.c AND g.dl IS NOT NULL AND (g.ostop IS NULL OR g.od < g.ostop) THEN g.od END, 'overdue_delta', 1),
    (CASE WHEN g.c AND g.dl IS NOT NULL AND g.od < g.ostop THEN g.ostop END, 'overdue_delta', -1),
    (CASE WHEN g.c AND g.ps IS NOT NULL AND (g.pe IS NULL OR g.psc < g.pe) THEN g.psc END, 'paused_delta', 1),
    (CASE WHEN g.c AND g.ps IS NOT NULL AND g.psc < g.pe THEN g.pe END, 'paused_delta', -1),
    (CASE WHEN g.c AND g.pp IS NOT NULL THEN greatest(g.pp, g.s) END, 'paused_delta', 1),
    (CASE WHEN supplement_requests > 0 THEN g.ps END, 'supplement_requests', supplement_requests),
    (CASE WHEN status = 'intake_incomplete' THEN g.s END, 'intake_incomplete', 1),
    (CASE WHEN status = 'not_accepted' THEN reports_day(coalesce(closed_at, received_at)) END, 'intake_refused', 1)
  ) v(day, measure, value)
  WHERE v.day IS NOT NULL
$$;
--> statement-breakpoint
-- A finished case's start (the last start of the settlement time), first appointment and finish days.
CREATE FUNCTION reports_duration_events(
  status dossier_status, received_at timestamptz, finished_at timestamptz, clock_started_at timestamptz, original_due_at timestamptz, due_at timestamptz
) RETURNS TABLE (day date, start_day date, due_day date)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
  SELECT reports_day(finished_at), reports_day(coalesce(clock_started_at, received_at)), reports_day(coalesce(original_due_at, due_at))
  WHERE finished_at IS NOT NULL AND status NOT IN ('pending_acceptance', 'intake_incomplete', 'not_accepted')
$$;

--> statement-breakpoint
CREATE FUNCTION reports_dossiers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT 1 AS sign, r.settling_unit_id AS unit_id, r.procedure_id, r.channel, r.created_by AS officer_id, e.day, e.measure, e.value FROM new_rows r CROSS JOIN LATERAL reports_dossier_events(r.status, r.received_at, r.finished_at, r.closed_at, r.updated_at, r.timeliness, r.outcome, r.due_at, r.original_due_at, r.supplement_requests, r.supplement_requested_at, r.supplement_received_at, r.paused_at) e) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    INSERT INTO report_duration_events (day, unit_id, procedure_id, channel, officer_id, start_day, due_day, n)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id, x.start_day, x.due_day, sum(x.n)
    FROM (SELECT 1 AS n, r.settling_unit_id AS unit_id, r.procedure_id, r.channel, r.created_by AS officer_id, e.day, e.start_day, e.due_day FROM new_rows r CROSS JOIN LATERAL reports_duration_events(r.status, r.received_at, r.finished_at, r.clock_started_at, r.original_due_at, r.due_at) e) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id, x.start_day, x.due_day
    HAVING sum(x.n) <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT 1 AS sign, r.settling_unit_id AS unit_id, r.procedure_id, r.channel, r.created_by AS officer_id, e.day, e.measure, e.value FROM new_rows r CROSS JOIN LATERAL reports_dossier_events(r.status, r.received_at, r.finished_at, r.closed_at, r.updated_at, r.timeliness, r.outcome, r.due_at, r.original_due_at, r.supplement_requests, r.supplement_requested_at, r.supplement_received_at, r.paused_at) e UNION ALL SELECT -1 AS sign, r.settling_unit_id AS unit_id, r.procedure_id, r.channel, r.created_by AS officer_id, e.day, e.measure, e.value FROM old_rows r CROSS JOIN LATERAL reports_dossier_events(r.status, r.received_at, r.finished_at, r.closed_at, r.updated_at, r.timeliness, r.outcome, r.due_at, r.original_due_at, r.supplement_requests, r.supplement_requested_at, r.supplement_received_at, r.paused_at) e) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    INSERT INTO report_duration_events (day, unit_id, procedure_id, channel, officer_id, start_day, due_day, n)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id, x.start_day, x.due_day, sum(x.n)
    FROM (SELECT 1 AS n, r.settling_unit_id AS unit_id, r.procedure_id, r.channel, r.created_by AS officer_id, e.day, e.start_day, e.due_day FROM new_rows r CROSS JOIN LATERAL reports_duration_events(r.status, r.received_at, r.finished_at, r.clock_started_at, r.original_due_at, r.due_at) e UNION ALL SELECT -1 AS n, r.settling_unit_id AS unit_id, r.procedure_id, r.channel, r.created_by AS officer_id, e.day, e.start_day, e.due_day FROM old_rows r CROSS JOIN LATERAL reports_duration_events(r.status, r.received_at, r.finished_at, r.clock_started_at, r.original_due_at, r.due_at) e) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id, x.start_day, x.due_day
    HAVING sum(x.n) <> 0;
  ELSE
    INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT -1 AS sign, r.settling_unit_id AS unit_id, r.procedure_id, r.channel, r.created_by AS officer_id, e.day, e.measure, e.value FROM old_rows r CROSS JOIN LATERAL reports_dossier_events(r.status, r.received_at, r.finished_at, r.closed_at, r.updated_at, r.timeliness, r.outcome, r.due_at, r.original_due_at, r.supplement_requests, r.supplement_requested_at, r.supplement_received_at, r.paused_at) e) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    INSERT INTO report_duration_events (day, unit_id, procedure_id, channel, officer_id, start_day, due_day, n)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id, x.start_day, x.due_day, sum(x.n)
    FROM (SELECT -1 AS n, r.settling_unit_id AS unit_id, r.procedure_id, r.channel, r.created_by AS officer_id, e.day, e.start_day, e.due_day FROM old_rows r CROSS JOIN LATERAL reports_duration_events(r.status, r.received_at, r.finished_at, r.clock_started_at, r.original_due_at, r.due_at) e) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id, x.start_day, x.due_day
    HAVING sum(x.n) <> 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER reports_dossiers_changed_insert AFTER INSERT ON dossiers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_dossiers_changed();
--> statement-breakpoint
CREATE TRIGGER reports_dossiers_changed_update AFTER UPDATE ON dossiers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_dossiers_changed();
--> statement-breakpoint
CREATE TRIGGER reports_dossiers_changed_delete AFTER DELETE ON dossiers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_dossiers_changed();
--> statement-breakpoint
CREATE FUNCTION reports_ratings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT 1 AS sign, d.settling_unit_id AS unit_id, d.procedure_id, d.channel, d.created_by AS officer_id, reports_day(r.created_at) AS day, 'rated_' || r.overall AS measure, 1 AS value FROM new_rows r JOIN dossiers d ON d.id = r.dossier_id) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT 1 AS sign, d.settling_unit_id AS unit_id, d.procedure_id, d.channel, d.created_by AS officer_id, reports_day(r.created_at) AS day, 'rated_' || r.overall AS measure, 1 AS value FROM new_rows r JOIN dossiers d ON d.id = r.dossier_id UNION ALL SELECT -1 AS sign, d.settling_unit_id AS unit_id, d.procedure_id, d.channel, d.created_by AS officer_id, reports_day(r.created_at) AS day, 'rated_' || r.overall AS measure, 1 AS value FROM old_rows r JOIN dossiers d ON d.id = r.dossier_id) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  ELSE
    INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT -1 AS sign, d.settling_unit_id AS unit_id, d.procedure_id, d.channel, d.created_by AS officer_id, reports_day(r.created_at) AS day, 'rated_' || r.overall AS measure, 1 AS value FROM old_rows r JOIN dossiers d ON d.id = r.dossier_id) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER reports_ratings_changed_insert AFTER INSERT ON feedback_ratings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_ratings_changed();
--> statement-breakpoint
CREATE TRIGGER reports_ratings_changed_update AFTER UPDATE ON feedback_ratings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_ratings_changed();
--> statement-breakpoint
CREATE TRIGGER reports_ratings_changed_delete AFTER DELETE ON feedback_ratings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_ratings_changed();
--> statement-breakpoint
CREATE FUNCTION reports_documents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT 1 AS sign, d.settling_unit_id AS unit_id, d.procedure_id, d.channel, d.created_by AS officer_id, reports_day(r.created_at) AS day, 'letters' AS measure, 1 AS value FROM new_rows r JOIN dossiers d ON d.id = r.dossier_id WHERE r.kind <> 'result') x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT 1 AS sign, d.settling_unit_id AS unit_id, d.procedure_id, d.channel, d.created_by AS officer_id, reports_day(r.created_at) AS day, 'letters' AS measure, 1 AS value FROM new_rows r JOIN dossiers d ON d.id = r.dossier_id WHERE r.kind <> 'result' UNION ALL SELECT -1 AS sign, d.settling_unit_id AS unit_id, d.procedure_id, d.channel, d.created_by AS officer_id, reports_day(r.created_at) AS day, 'letters' AS measure, 1 AS value FROM old_rows r JOIN dossiers d ON d.id = r.dossier_id WHERE r.kind <> 'result') x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  ELSE
    INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT -1 AS sign, d.settling_unit_id AS unit_id, d.procedure_id, d.channel, d.created_by AS officer_id, reports_day(r.created_at) AS day, 'letters' AS measure, 1 AS value FROM old_rows r JOIN dossiers d ON d.id = r.dossier_id WHERE r.kind <> 'result') x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER reports_documents_changed_insert AFTER INSERT ON documents REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_documents_changed();
--> statement-breakpoint
CREATE TRIGGER reports_documents_changed_update AFTER UPDATE ON documents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_documents_changed();
--> statement-breakpoint
CREATE TRIGGER reports_documents_changed_delete AFTER DELETE ON documents REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_documents_changed();

--> statement-breakpoint
-- Existing rows (an installation upgraded to this version): their contributions, once.
INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT 1 AS sign, r.settling_unit_id AS unit_id, r.procedure_id, r.channel, r.created_by AS officer_id, e.day, e.measure, e.value FROM dossiers r CROSS JOIN LATERAL reports_dossier_events(r.status, r.received_at, r.finished_at, r.closed_at, r.updated_at, r.timeliness, r.outcome, r.due_at, r.original_due_at, r.supplement_requests, r.supplement_requested_at, r.supplement_received_at, r.paused_at) e) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
--> statement-breakpoint
INSERT INTO report_duration_events (day, unit_id, procedure_id, channel, officer_id, start_day, due_day, n)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id, x.start_day, x.due_day, sum(x.n)
    FROM (SELECT 1 AS n, r.settling_unit_id AS unit_id, r.procedure_id, r.channel, r.created_by AS officer_id, e.day, e.start_day, e.due_day FROM dossiers r CROSS JOIN LATERAL reports_duration_events(r.status, r.received_at, r.finished_at, r.clock_started_at, r.original_due_at, r.due_at) e) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id, x.start_day, x.due_day
    HAVING sum(x.n) <> 0;
--> statement-breakpoint
INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT 1 AS sign, d.settling_unit_id AS unit_id, d.procedure_id, d.channel, d.created_by AS officer_id, reports_day(r.created_at) AS day, 'rated_' || r.overall AS measure, 1 AS value FROM feedback_ratings r JOIN dossiers d ON d.id = r.dossier_id) x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
--> statement-breakpoint
INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, received, settled_early, settled_on_time, settled_late, settled_refused, stopped, closed_unsupplemented, intake_incomplete, intake_refused, supplement_requests, open_delta, overdue_delta, paused_delta, rated_very_satisfied, rated_satisfied, rated_neutral, rated_dissatisfied, rated_very_dissatisfied, letters)
    SELECT x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id,
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0),
      coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)
    FROM (SELECT 1 AS sign, d.settling_unit_id AS unit_id, d.procedure_id, d.channel, d.created_by AS officer_id, reports_day(r.created_at) AS day, 'letters' AS measure, 1 AS value FROM documents r JOIN dossiers d ON d.id = r.dossier_id WHERE r.kind <> 'result') x
    GROUP BY x.day, x.unit_id, x.procedure_id, x.channel, x.officer_id
    HAVING ROW(coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'received'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_early'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_on_time'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_late'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'settled_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'stopped'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'closed_unsupplemented'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_incomplete'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'intake_refused'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'supplement_requests'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'open_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'overdue_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'paused_delta'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_satisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_neutral'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'rated_very_dissatisfied'), 0), coalesce(sum(x.sign * x.value) FILTER (WHERE x.measure = 'letters'), 0)) <> ROW(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
