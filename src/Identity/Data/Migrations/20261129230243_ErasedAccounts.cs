using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class ErasedAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_erasure_requests_account_id",
                table: "erasure_requests");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "erased_at",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_erasure_requests_account_id",
                table: "erasure_requests",
                column: "account_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_erasure_requests_account_id",
                table: "erasure_requests");

            migrationBuilder.DropColumn(
                name: "erased_at",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "ix_erasure_requests_account_id",
                table: "erasure_requests",
                column: "account_id");
        }
    }
}
