CREATE TABLE "portal_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"receiving_unit_id" uuid,
	"applicant" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submit_key" text,
	"submit_secret" text,
	"dossier_id" uuid,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_upload_chunks" (
	"upload_id" uuid NOT NULL,
	"offset" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "portal_upload_chunks_upload_id_offset_pk" PRIMARY KEY("upload_id","offset")
);
--> statement-breakpoint
CREATE TABLE "portal_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"draft_id" uuid,
	"dossier_id" uuid,
	"document_index" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"storage_key" text,
	"dossier_file_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "portal_drafts" ADD CONSTRAINT "portal_drafts_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_drafts" ADD CONSTRAINT "portal_drafts_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_drafts" ADD CONSTRAINT "portal_drafts_receiving_unit_id_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_drafts" ADD CONSTRAINT "portal_drafts_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_upload_chunks" ADD CONSTRAINT "portal_upload_chunks_upload_id_portal_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."portal_uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_uploads" ADD CONSTRAINT "portal_uploads_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_uploads" ADD CONSTRAINT "portal_uploads_draft_id_portal_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."portal_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_uploads" ADD CONSTRAINT "portal_uploads_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_uploads" ADD CONSTRAINT "portal_uploads_dossier_file_id_dossier_files_id_fk" FOREIGN KEY ("dossier_file_id") REFERENCES "public"."dossier_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_drafts_citizen_idx" ON "portal_drafts" USING btree ("citizen_id","status","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_drafts_submit_key" ON "portal_drafts" USING btree ("citizen_id","submit_key") WHERE submit_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX "portal_uploads_draft_idx" ON "portal_uploads" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "portal_uploads_dossier_idx" ON "portal_uploads" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "portal_uploads_pending_idx" ON "portal_uploads" USING btree ("updated_at") WHERE status = 'in_progress';