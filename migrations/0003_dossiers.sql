CREATE TYPE "public"."dossier_channel" AS ENUM('in_person', 'online', 'post');--> statement-breakpoint
CREATE TYPE "public"."dossier_outcome" AS ENUM('approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."dossier_status" AS ENUM('pending_acceptance', 'processing', 'supplement_requested', 'payment_requested', 'returned', 'stopped', 'closed', 'intake_incomplete', 'not_accepted');--> statement-breakpoint
CREATE TYPE "public"."dossier_step" AS ENUM('receive', 'appraise', 'approve', 'sign', 'return');--> statement-breakpoint
CREATE TYPE "public"."dossier_timeliness" AS ENUM('early', 'on_time', 'late');--> statement-breakpoint
CREATE TYPE "public"."return_method" AS ENUM('desk', 'post', 'online');--> statement-breakpoint
CREATE TABLE "applicant_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dossier_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"step" "dossier_step",
	"due_at" timestamp with time zone NOT NULL,
	"unit_id" uuid,
	"role" "staff_role",
	"staff_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dossier_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"question" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"asked_by" uuid,
	"asked_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dossier_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"document_index" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"from_status" "dossier_status",
	"to_status" "dossier_status" NOT NULL,
	"from_step" "dossier_step",
	"to_step" "dossier_step",
	"from_unit_id" uuid,
	"to_unit_id" uuid,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_sequences" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "dossier_sequences_unit_id_day_pk" PRIMARY KEY("unit_id","day")
);
--> statement-breakpoint
CREATE TABLE "dossier_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_unit_id" uuid NOT NULL,
	"to_unit_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"tasks" jsonb NOT NULL,
	"by" uuid
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"secret_hash" text NOT NULL,
	"procedure_id" uuid NOT NULL,
	"receiving_unit_id" uuid NOT NULL,
	"settling_unit_id" uuid NOT NULL,
	"scope_units" uuid[] NOT NULL,
	"counter_id" uuid,
	"channel" "dossier_channel" NOT NULL,
	"status" "dossier_status" NOT NULL,
	"step" "dossier_step",
	"outcome" "dossier_outcome",
	"applicant" jsonb NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_number" text,
	"search_name" text GENERATED ALWAYS AS (motcua_unaccent(lower(applicant_name))) STORED,
	"priority" text[] DEFAULT '{}' NOT NULL,
	"documents" jsonb NOT NULL,
	"missing" text[] DEFAULT '{}' NOT NULL,
	"sets" integer DEFAULT 1 NOT NULL,
	"reason" text,
	"note" text,
	"assignee_unit_id" uuid,
	"assignee_role" "staff_role",
	"assignee_staff_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"accept_due_at" timestamp with time zone,
	"clock_started_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"original_due_at" timestamp with time zone,
	"step_dues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"step_due_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"supplement_requests" integer DEFAULT 0 NOT NULL,
	"supplement_requested_at" timestamp with time zone,
	"supplement_deadline" timestamp with time zone,
	"supplement_missing" text[],
	"supplement_received_at" timestamp with time zone,
	"extended_at" timestamp with time zone,
	"extension_reason" text,
	"payment_items" jsonb,
	"payment_requested_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"receipt_number" text,
	"open_consultations" integer DEFAULT 0 NOT NULL,
	"decided_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"timeliness" "dossier_timeliness",
	"returned_at" timestamp with time zone,
	"return_method" "return_method",
	"returned_to" text,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_keys" (
	"staff_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"dossier_id" uuid,
	"secret" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "intake_keys_staff_id_key_pk" PRIMARY KEY("staff_id","key")
);
--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "supplement_days" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "applicant_notices" ADD CONSTRAINT "applicant_notices_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_alerts" ADD CONSTRAINT "dossier_alerts_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_alerts" ADD CONSTRAINT "dossier_alerts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_alerts" ADD CONSTRAINT "dossier_alerts_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_consultations" ADD CONSTRAINT "dossier_consultations_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_consultations" ADD CONSTRAINT "dossier_consultations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_consultations" ADD CONSTRAINT "dossier_consultations_asked_by_staff_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_consultations" ADD CONSTRAINT "dossier_consultations_answered_by_staff_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_uploaded_by_staff_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_history" ADD CONSTRAINT "dossier_history_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_history" ADD CONSTRAINT "dossier_history_actor_id_staff_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_history" ADD CONSTRAINT "dossier_history_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_history" ADD CONSTRAINT "dossier_history_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_sequences" ADD CONSTRAINT "dossier_sequences_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_transfers" ADD CONSTRAINT "dossier_transfers_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_transfers" ADD CONSTRAINT "dossier_transfers_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_transfers" ADD CONSTRAINT "dossier_transfers_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_transfers" ADD CONSTRAINT "dossier_transfers_by_staff_id_fk" FOREIGN KEY ("by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_receiving_unit_id_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_settling_unit_id_units_id_fk" FOREIGN KEY ("settling_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_assignee_unit_id_units_id_fk" FOREIGN KEY ("assignee_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_assignee_staff_id_staff_id_fk" FOREIGN KEY ("assignee_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_keys" ADD CONSTRAINT "intake_keys_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_keys" ADD CONSTRAINT "intake_keys_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applicant_notices_unsent_idx" ON "applicant_notices" USING btree ("created_at") WHERE sent_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_alerts_once_key" ON "dossier_alerts" USING btree ("dossier_id","kind","due_at");--> statement-breakpoint
CREATE INDEX "dossier_alerts_unit_idx" ON "dossier_alerts" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "dossier_consultations_dossier_idx" ON "dossier_consultations" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_consultations_open_idx" ON "dossier_consultations" USING btree ("unit_id") WHERE answered_at IS NULL;--> statement-breakpoint
CREATE INDEX "dossier_files_dossier_idx" ON "dossier_files" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_history_dossier_idx" ON "dossier_history" USING btree ("dossier_id","id");--> statement-breakpoint
CREATE INDEX "dossier_transfers_dossier_idx" ON "dossier_transfers" USING btree ("dossier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code_key" ON "dossiers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dossiers_scope_idx" ON "dossiers" USING gin ("scope_units");--> statement-breakpoint
CREATE INDEX "dossiers_assignee_idx" ON "dossiers" USING btree ("assignee_unit_id","status","step_due_at");--> statement-breakpoint
CREATE INDEX "dossiers_assignee_staff_idx" ON "dossiers" USING btree ("assignee_staff_id","status");--> statement-breakpoint
CREATE INDEX "dossiers_settling_idx" ON "dossiers" USING btree ("settling_unit_id","status","due_at");--> statement-breakpoint
CREATE INDEX "dossiers_receiving_idx" ON "dossiers" USING btree ("receiving_unit_id","received_at");--> statement-breakpoint
CREATE INDEX "dossiers_open_due_idx" ON "dossiers" USING btree ("due_at") WHERE status IN ('processing', 'payment_requested');--> statement-breakpoint
CREATE INDEX "dossiers_supplement_idx" ON "dossiers" USING btree ("supplement_deadline") WHERE status = 'supplement_requested';--> statement-breakpoint
CREATE INDEX "dossiers_id_number_idx" ON "dossiers" USING btree ("applicant_id_number");--> statement-breakpoint
CREATE INDEX "dossiers_search_trgm_idx" ON "dossiers" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "dossiers_procedure_idx" ON "dossiers" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "intake_keys_created_idx" ON "intake_keys" USING btree ("created_at");