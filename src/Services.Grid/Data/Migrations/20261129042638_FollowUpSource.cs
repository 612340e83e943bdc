using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpSource : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "respondent",
                table: "follow_ups",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "follow_ups",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "reporter");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "respondent",
                table: "follow_ups");

            migrationBuilder.DropColumn(
                name: "source",
                table: "follow_ups");
        }
    }
}
