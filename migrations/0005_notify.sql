CREATE TYPE "public"."notice_delivery_status" AS ENUM('pending', 'sent', 'failed', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."notice_channel" AS ENUM('email', 'sms');--> statement-breakpoint
CREATE TABLE "notice_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notice_id" bigint NOT NULL,
	"channel" "notice_channel" NOT NULL,
	"status" "notice_delivery_status" NOT NULL,
	"provider" text,
	"address_masked" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"provider_message_id" text,
	"last_error_code" text,
	"skip_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notice_deliveries" ADD CONSTRAINT "notice_deliveries_notice_id_applicant_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."applicant_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notice_deliveries_once_key" ON "notice_deliveries" USING btree ("notice_id","channel");