using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Volunteers.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpportunitySession : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "session_id",
                table: "opportunities",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_session_id",
                table: "opportunities",
                column: "session_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_opportunities_session_id",
                table: "opportunities");

            migrationBuilder.DropColumn(
                name: "session_id",
                table: "opportunities");
        }
    }
}
