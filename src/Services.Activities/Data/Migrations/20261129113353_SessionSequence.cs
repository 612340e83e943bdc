using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Activities.Data.Migrations
{
    /// <inheritdoc />
    public partial class SessionSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "sequence",
                table: "sessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sequence",
                table: "sessions");
        }
    }
}
