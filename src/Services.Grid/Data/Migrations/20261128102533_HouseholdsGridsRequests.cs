using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Community.Services.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class HouseholdsGridsRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "grids",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    visit_cycle_days = table.Column<int>(type: "integer", nullable: false),
                    vulnerable_visit_cycle_days = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grids", x => x.id);
                    table.CheckConstraint("ck_grids_cycles", "visit_cycle_days BETWEEN 1 AND 366 AND vulnerable_visit_cycle_days BETWEEN 1 AND 366");
                });

            migrationBuilder.CreateTable(
                name: "households",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_households", x => x.id);
                    table.ForeignKey(
                        name: "fk_households_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    priority = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    pictures = table.Column<List<string>>(type: "text[]", nullable: false),
                    reporter_id = table.Column<Guid>(type: "uuid", nullable: true),
                    anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    taken_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    grid_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assignee_id = table.Column<Guid>(type: "uuid", nullable: true),
                    escalation_level = table.Column<int>(type: "integer", nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_escalation_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    merged_into_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_requests", x => x.id);
                    table.CheckConstraint("ck_requests_due", "due_at > reported_at");
                    table.CheckConstraint("ck_requests_escalation", "escalation_level BETWEEN 0 AND 2");
                    table.CheckConstraint("ck_requests_status", "status IN ('reported', 'accepted', 'in-progress', 'resolved', 'closed', 'returned', 'closed-unresolved', 'reopened', 'merged')");
                    table.ForeignKey(
                        name: "fk_requests_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_requests_requests_merged_into_id",
                        column: x => x.merged_into_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "grid_buildings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    grid_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grid_buildings", x => x.id);
                    table.CheckConstraint("ck_grid_buildings_period", "until IS NULL OR until >= \"from\"");
                    table.ForeignKey(
                        name: "fk_grid_buildings_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_grid_buildings_grids_grid_id",
                        column: x => x.grid_id,
                        principalTable: "grids",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "team_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    grid_id = table.Column<Guid>(type: "uuid", nullable: false),
                    volunteer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team_members", x => x.id);
                    table.CheckConstraint("ck_team_members_period", "until IS NULL OR until >= \"from\"");
                    table.CheckConstraint("ck_team_members_role", "role IN ('secretary', 'building-leader', 'youth-representative', 'volunteer')");
                    table.ForeignKey(
                        name: "fk_team_members_grids_grid_id",
                        column: x => x.grid_id,
                        principalTable: "grids",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "residents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    birth_year = table.Column<int>(type: "integer", nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    guardian_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_residents", x => x.id);
                    table.CheckConstraint("ck_residents_birth_year", "birth_year BETWEEN 1900 AND 2200");
                    table.ForeignKey(
                        name: "fk_residents_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_residents_residents_guardian_id",
                        column: x => x.guardian_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    satisfied = table.Column<bool>(type: "boolean", nullable: false),
                    comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_follow_ups_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "request_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    what = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    to = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_request_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_request_changes_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resident_tags",
                columns: table => new
                {
                    resident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tag = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    consent = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    consented_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_tags", x => new { x.resident_id, x.tag });
                    table.CheckConstraint("ck_resident_tags_tag", "tag IN ('living-alone', 'disability', 'veteran', 'low-income', 'needs-regular-care')");
                    table.ForeignKey(
                        name: "fk_resident_tags_residents_resident_id",
                        column: x => x.resident_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_request_id",
                table: "follow_ups",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_grid_buildings_grid_id_until",
                table: "grid_buildings",
                columns: new[] { "grid_id", "until" });

            migrationBuilder.CreateIndex(
                name: "ux_grid_buildings_current",
                table: "grid_buildings",
                column: "building_id",
                unique: true,
                filter: "until IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_grids_name",
                table: "grids",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_households_building_id_unit",
                table: "households",
                columns: new[] { "building_id", "unit" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_request_changes_request_id",
                table: "request_changes",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_requests_building_id_category_status",
                table: "requests",
                columns: new[] { "building_id", "category", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_requests_grid_id_status",
                table: "requests",
                columns: new[] { "grid_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_requests_merged_into_id",
                table: "requests",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_requests_next_escalation_at",
                table: "requests",
                column: "next_escalation_at",
                filter: "next_escalation_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_requests_reported_at",
                table: "requests",
                column: "reported_at");

            migrationBuilder.CreateIndex(
                name: "ix_requests_reporter_id",
                table: "requests",
                column: "reporter_id");

            migrationBuilder.CreateIndex(
                name: "ix_residents_guardian_id",
                table: "residents",
                column: "guardian_id");

            migrationBuilder.CreateIndex(
                name: "ix_residents_household_id",
                table: "residents",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_team_members_volunteer_id_until",
                table: "team_members",
                columns: new[] { "volunteer_id", "until" });

            migrationBuilder.CreateIndex(
                name: "ux_team_members_current",
                table: "team_members",
                columns: new[] { "grid_id", "volunteer_id" },
                unique: true,
                filter: "until IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_team_members_single_roles",
                table: "team_members",
                columns: new[] { "grid_id", "role" },
                unique: true,
                filter: "until IS NULL AND role <> 'volunteer'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DropTable(
                name: "grid_buildings");

            migrationBuilder.DropTable(
                name: "request_changes");

            migrationBuilder.DropTable(
                name: "resident_tags");

            migrationBuilder.DropTable(
                name: "team_members");

            migrationBuilder.DropTable(
                name: "requests");

            migrationBuilder.DropTable(
                name: "residents");

            migrationBuilder.DropTable(
                name: "grids");

            migrationBuilder.DropTable(
                name: "households");
        }
    }
}
