using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountLargeText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "large_text",
                table: "AspNetUsers",
                type: "boolean",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "large_text",
                table: "AspNetUsers");
        }
    }
}
