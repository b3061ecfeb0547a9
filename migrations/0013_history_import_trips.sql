CREATE TABLE "dossier_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_system" text NOT NULL,
	"file_name" text,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"created" integer NOT NULL,
	"updated" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"imported_by" uuid NOT NULL,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "withdrawn" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "visits" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "import_id" uuid;--> statement-breakpoint
ALTER TABLE "report_events" ADD COLUMN "withdrawn" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_events" ADD COLUMN "returned" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_events" ADD COLUMN "returned_visits" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rollup" ADD COLUMN "withdrawn" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rollup" ADD COLUMN "returned" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rollup" ADD COLUMN "returned_visits" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_imports" ADD CONSTRAINT "dossier_imports_imported_by_staff_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_import_id_dossier_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."dossier_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossiers_extended_idx" ON "dossiers" USING btree ("extended_at") WHERE extended_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "dossiers_import_idx" ON "dossiers" USING btree ("import_id") WHERE import_id IS NOT NULL;