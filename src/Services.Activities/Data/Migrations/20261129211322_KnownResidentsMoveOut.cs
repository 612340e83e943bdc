using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Activities.Data.Migrations
{
    /// <inheritdoc />
    public partial class KnownResidentsMoveOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "moved_out_at",
                table: "known_residents",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "moved_out_at",
                table: "known_residents");
        }
    }
}
