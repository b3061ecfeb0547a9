CREATE TABLE "counter_duties" (
	"counter_id" uuid NOT NULL,
	"day" date NOT NULL,
	"staff_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "counter_duties_counter_id_day_pk" PRIMARY KEY("counter_id","day")
);
--> statement-breakpoint
CREATE TABLE "reception_schedule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"leader_id" uuid,
	"host_name" text,
	"host_title" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"note" text,
	"cancelled" boolean DEFAULT false NOT NULL,
	"cancel_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reception_schedule_host_check" CHECK ("reception_schedule"."leader_id" IS NOT NULL OR "reception_schedule"."host_name" IS NOT NULL),
	CONSTRAINT "reception_schedule_time_check" CHECK ("reception_schedule"."ends_at" > "reception_schedule"."starts_at"),
	CONSTRAINT "reception_schedule_cancel_check" CHECK (NOT "reception_schedule"."cancelled" OR "reception_schedule"."cancel_reason" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "counters" ADD COLUMN "regular_officer_id" uuid;--> statement-breakpoint
ALTER TABLE "counters" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "counter_duties" ADD CONSTRAINT "counter_duties_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_duties" ADD CONSTRAINT "counter_duties_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_schedule" ADD CONSTRAINT "reception_schedule_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_schedule" ADD CONSTRAINT "reception_schedule_leader_id_staff_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "counter_duties_staff_idx" ON "counter_duties" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "reception_schedule_unit_start_idx" ON "reception_schedule" USING btree ("unit_id","starts_at");--> statement-breakpoint
ALTER TABLE "counters" ADD CONSTRAINT "counters_regular_officer_id_staff_id_fk" FOREIGN KEY ("regular_officer_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;