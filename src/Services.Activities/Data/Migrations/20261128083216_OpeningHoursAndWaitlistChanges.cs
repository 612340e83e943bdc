using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Activities.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpeningHoursAndWaitlistChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<DateOnly>>(
                name: "closed_dates",
                table: "venues",
                type: "date[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "opening_hours",
                table: "venues",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "waitlist_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    registration_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_position = table.Column<int>(type: "integer", nullable: false),
                    to_position = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waitlist_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_waitlist_changes_registrations_registration_id",
                        column: x => x.registration_id,
                        principalTable: "registrations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_changes_registration_id",
                table: "waitlist_changes",
                column: "registration_id");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_changes_session_id",
                table: "waitlist_changes",
                column: "session_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "waitlist_changes");

            migrationBuilder.DropColumn(
                name: "closed_dates",
                table: "venues");

            migrationBuilder.DropColumn(
                name: "opening_hours",
                table: "venues");
        }
    }
}
