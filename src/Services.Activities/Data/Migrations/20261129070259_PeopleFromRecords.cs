using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Activities.Data.Migrations
{
    /// <inheritdoc />
    public partial class PeopleFromRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cancelled_by",
                table: "registrations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "consent_id",
                table: "registrations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "participant_resident_id",
                table: "registrations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "registered_by_name",
                table: "registrations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "acting_consents",
                columns: table => new
                {
                    consent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    actor_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    valid_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_acting_consents", x => x.consent_id);
                });

            migrationBuilder.CreateTable(
                name: "known_residents",
                columns: table => new
                {
                    resident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    birth_year = table.Column<int>(type: "integer", nullable: false),
                    guardian_id = table.Column<Guid>(type: "uuid", nullable: true),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_known_residents", x => x.resident_id);
                });

            migrationBuilder.CreateTable(
                name: "volunteer_accounts",
                columns: table => new
                {
                    volunteer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_volunteer_accounts", x => x.volunteer_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_registrations_participant_resident_id",
                table: "registrations",
                column: "participant_resident_id",
                filter: "participant_resident_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_acting_consents_resident_id_actor_account_id",
                table: "acting_consents",
                columns: new[] { "resident_id", "actor_account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_known_residents_account_id",
                table: "known_residents",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_known_residents_guardian_id",
                table: "known_residents",
                column: "guardian_id");

            migrationBuilder.CreateIndex(
                name: "ix_volunteer_accounts_account_id",
                table: "volunteer_accounts",
                column: "account_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "acting_consents");

            migrationBuilder.DropTable(
                name: "known_residents");

            migrationBuilder.DropTable(
                name: "volunteer_accounts");

            migrationBuilder.DropIndex(
                name: "ix_registrations_participant_resident_id",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "cancelled_by",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "consent_id",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "participant_resident_id",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "registered_by_name",
                table: "registrations");
        }
    }
}
