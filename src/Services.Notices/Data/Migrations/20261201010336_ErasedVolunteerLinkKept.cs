using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Notices.Data.Migrations
{
    /// <inheritdoc />
    public partial class ErasedVolunteerLinkKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "account_id",
                table: "volunteer_accounts",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The column cannot go back to NOT NULL with a link with no account in it; before this migration such rows were deleted.
            migrationBuilder.Sql("DELETE FROM volunteer_accounts WHERE account_id IS NULL");

            migrationBuilder.AlterColumn<Guid>(
                name: "account_id",
                table: "volunteer_accounts",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
