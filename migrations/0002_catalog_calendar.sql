-- Diacritic-free, typo-tolerant search: unaccent + pg_trgm (both trusted
-- extensions), and an IMMUTABLE wrapper so that unaccent can feed a generated
-- column and an index ("Đăng ký khai sinh" → "dang ky khai sinh").
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE FUNCTION motcua_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
CREATE TYPE "public"."applicant_type" AS ENUM('citizen', 'business', 'both');--> statement-breakpoint
CREATE TYPE "public"."courtesy_letter" AS ENUM('none', 'congratulation', 'condolence');--> statement-breakpoint
CREATE TYPE "public"."online_level" AS ENUM('full', 'partial', 'none');--> statement-breakpoint
CREATE TYPE "public"."procedure_level" AS ENUM('commune', 'district', 'province', 'ministry');--> statement-breakpoint
CREATE TYPE "public"."calendar_decision_kind" AS ENUM('day_off', 'working_day');--> statement-breakpoint
CREATE TABLE "catalog_fields" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_units" (
	"procedure_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "procedure_units_procedure_id_unit_id_pk" PRIMARY KEY("procedure_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"field_code" text NOT NULL,
	"level" "procedure_level" NOT NULL,
	"applicant_type" "applicant_type" NOT NULL,
	"settlement" jsonb NOT NULL,
	"fees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fee_note" text,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result_type" text,
	"online_level" "online_level" NOT NULL,
	"legal_basis" text,
	"courtesy_letter" "courtesy_letter" DEFAULT 'none' NOT NULL,
	"home_service_eligible" boolean DEFAULT false NOT NULL,
	"step_plan" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"search_text" text GENERATED ALWAYS AS (motcua_unaccent(lower(code || ' ' || name || ' ' || coalesce(name_en, '')))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid,
	"day" date NOT NULL,
	"kind" "calendar_decision_kind" NOT NULL,
	"reason" text NOT NULL,
	"reason_en" text,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_decisions_unit_day_key" UNIQUE NULLS NOT DISTINCT("unit_id","day")
);
--> statement-breakpoint
CREATE TABLE "calendar_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid,
	"time_zone" text DEFAULT 'Asia/Ho_Chi_Minh' NOT NULL,
	"working_hours" jsonb DEFAULT '[{"start":"07:30","end":"11:30"},{"start":"13:30","end":"17:00"}]'::jsonb NOT NULL,
	"working_weekdays" integer[] DEFAULT '{1,2,3,4,5}' NOT NULL,
	"same_day_cutoff" text DEFAULT '15:00' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_settings_unit_key" UNIQUE NULLS NOT DISTINCT("unit_id")
);
--> statement-breakpoint
ALTER TABLE "counters" ADD COLUMN "fields" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "hotline" text;--> statement-breakpoint
ALTER TABLE "procedure_forms" ADD CONSTRAINT "procedure_forms_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_units" ADD CONSTRAINT "procedure_units_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_units" ADD CONSTRAINT "procedure_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_field_code_catalog_fields_code_fk" FOREIGN KEY ("field_code") REFERENCES "public"."catalog_fields"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_decisions" ADD CONSTRAINT "calendar_decisions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_settings" ADD CONSTRAINT "calendar_settings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "procedure_forms_procedure_idx" ON "procedure_forms" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "procedure_units_unit_idx" ON "procedure_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procedures_code_key" ON "procedures" USING btree ("code");--> statement-breakpoint
CREATE INDEX "procedures_field_idx" ON "procedures" USING btree ("field_code");--> statement-breakpoint
CREATE INDEX "procedures_search_trgm_idx" ON "procedures" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "calendar_decisions_day_idx" ON "calendar_decisions" USING btree ("day");--> statement-breakpoint
-- The national calendar ("default"), which every unit inherits.
INSERT INTO "calendar_settings" ("unit_id") VALUES (NULL);