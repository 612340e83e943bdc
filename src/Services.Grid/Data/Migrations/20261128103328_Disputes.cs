using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class Disputes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "disputes",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_household_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    mediator = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    agreement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    agreed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disputes", x => x.request_id);
                    table.CheckConstraint("ck_disputes_parties", "cardinality(party_household_ids) >= 2");
                    table.ForeignKey(
                        name: "fk_disputes_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "scheduled_follow_ups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_follow_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_scheduled_follow_ups_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mediation_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    held_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attending_household_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mediation_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_mediation_sessions_disputes_request_id",
                        column: x => x.request_id,
                        principalTable: "disputes",
                        principalColumn: "request_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_mediation_sessions_request_id",
                table: "mediation_sessions",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_follow_ups_due_at",
                table: "scheduled_follow_ups",
                column: "due_at",
                filter: "done_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_follow_ups_request_id_due_at",
                table: "scheduled_follow_ups",
                columns: new[] { "request_id", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mediation_sessions");

            migrationBuilder.DropTable(
                name: "scheduled_follow_ups");

            migrationBuilder.DropTable(
                name: "disputes");
        }
    }
}
