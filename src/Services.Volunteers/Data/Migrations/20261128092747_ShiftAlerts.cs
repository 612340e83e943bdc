using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Volunteers.Data.Migrations
{
    /// <inheritdoc />
    public partial class ShiftAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "alerts_sent",
                table: "shifts",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "alerts_sent",
                table: "shifts");
        }
    }
}
