using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Activities.Data.Migrations
{
    /// <inheritdoc />
    public partial class VolunteersCountEachStay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "earlier_minutes",
                table: "staff_assignments",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "earlier_minutes",
                table: "staff_assignments");
        }
    }
}
