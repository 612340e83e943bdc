using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Activities.Data.Migrations
{
    /// <inheritdoc />
    public partial class SeriesSessionsRegistrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gist", ",,");

            migrationBuilder.CreateSequence(
                name: "waitlist_rank_seq");

            migrationBuilder.CreateTable(
                name: "activity_series",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    audience = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    organiser = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    household_cap = table.Column<int>(type: "integer", nullable: true),
                    first_starts_at_local = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    recurrence_rule = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity_series", x => x.id);
                    table.CheckConstraint("ck_activity_series_capacity", "capacity > 0");
                    table.CheckConstraint("ck_activity_series_duration", "duration_minutes > 0");
                    table.ForeignKey(
                        name: "fk_activity_series_venues_venue_id",
                        column: x => x.venue_id,
                        principalTable: "venues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    series_id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    places_taken = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    cancel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sessions", x => x.id);
                    table.CheckConstraint("ck_sessions_capacity", "capacity > 0");
                    table.CheckConstraint("ck_sessions_places", "places_taken >= 0 AND places_taken <= capacity");
                    table.CheckConstraint("ck_sessions_times", "ends_at > starts_at");
                    table.ForeignKey(
                        name: "fk_sessions_activity_series_series_id",
                        column: x => x.series_id,
                        principalTable: "activity_series",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sessions_venues_venue_id",
                        column: x => x.venue_id,
                        principalTable: "venues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    participant_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    birth_year = table.Column<int>(type: "integer", nullable: true),
                    household_ref = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    registered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    on_behalf = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    waitlist_rank = table.Column<long>(type: "bigint", nullable: true),
                    offer_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    check_in_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_registrations_sessions_session_id",
                        column: x => x.session_id,
                        principalTable: "sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_activity_series_venue_id",
                table: "activity_series",
                column: "venue_id");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_offer_expires_at",
                table: "registrations",
                column: "offer_expires_at",
                filter: "status = 'offered'");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_registered_by_idempotency_key",
                table: "registrations",
                columns: new[] { "registered_by", "idempotency_key" },
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_session_id_check_in_code",
                table: "registrations",
                columns: new[] { "session_id", "check_in_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registrations_session_id_participant_key",
                table: "registrations",
                columns: new[] { "session_id", "participant_key" },
                unique: true,
                filter: "status <> 'cancelled'");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_session_id_status_waitlist_rank",
                table: "registrations",
                columns: new[] { "session_id", "status", "waitlist_rank" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_series_id_starts_at",
                table: "sessions",
                columns: new[] { "series_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_starts_at",
                table: "sessions",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_sessions_venue_id",
                table: "sessions",
                column: "venue_id");
            // Two sessions never overlap in one venue (cancelled ones give the room back).
            migrationBuilder.Sql(
                "ALTER TABLE sessions ADD CONSTRAINT ex_sessions_venue_time " +
                "EXCLUDE USING gist (venue_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status <> 'cancelled');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registrations");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "activity_series");

            migrationBuilder.DropSequence(
                name: "waitlist_rank_seq");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:btree_gist", ",,");
        }
    }
}
