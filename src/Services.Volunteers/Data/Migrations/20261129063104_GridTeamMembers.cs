using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Volunteers.Data.Migrations
{
    /// <inheritdoc />
    public partial class GridTeamMembers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "grid_team_members",
                columns: table => new
                {
                    grid_id = table.Column<Guid>(type: "uuid", nullable: false),
                    volunteer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grid_team_members", x => new { x.grid_id, x.volunteer_id, x.role });
                });

            migrationBuilder.CreateIndex(
                name: "ix_grid_team_members_volunteer_id",
                table: "grid_team_members",
                column: "volunteer_id",
                filter: "active");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "grid_team_members");
        }
    }
}
