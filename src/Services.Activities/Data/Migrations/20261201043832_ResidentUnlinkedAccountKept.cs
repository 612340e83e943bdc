using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Activities.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResidentUnlinkedAccountKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "unlinked_account_id",
                table: "known_residents",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_known_residents_unlinked_account_id",
                table: "known_residents",
                column: "unlinked_account_id",
                filter: "unlinked_account_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_known_residents_unlinked_account_id",
                table: "known_residents");

            migrationBuilder.DropColumn(
                name: "unlinked_account_id",
                table: "known_residents");
        }
    }
}
