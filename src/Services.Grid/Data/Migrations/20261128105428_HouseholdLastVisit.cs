using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class HouseholdLastVisit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_visited_at",
                table: "households",
                type: "timestamp with time zone",
                nullable: true);

            // Households visited before this column existed get their latest visit.
            migrationBuilder.Sql("UPDATE households h SET last_visited_at = (SELECT max(v.visited_at) FROM visits v WHERE v.household_id = h.id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_visited_at",
                table: "households");
        }
    }
}
