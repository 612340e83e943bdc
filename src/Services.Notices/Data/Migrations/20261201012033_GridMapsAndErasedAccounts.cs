using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Notices.Data.Migrations
{
    /// <inheritdoc />
    public partial class GridMapsAndErasedAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "erased_accounts",
                columns: table => new
                {
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_erased_accounts", x => x.account_id);
                });

            migrationBuilder.CreateTable(
                name: "grid_maps",
                columns: table => new
                {
                    grid_id = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grid_maps", x => x.grid_id);
                });

            // Each grid's latest map applied so far, as its buildings' rows tell it.
            migrationBuilder.Sql("""
                INSERT INTO grid_maps (grid_id, changed_at)
                SELECT grid_id, max(changed_at) FROM building_grids WHERE grid_id IS NOT NULL GROUP BY grid_id
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "erased_accounts");

            migrationBuilder.DropTable(
                name: "grid_maps");
        }
    }
}
