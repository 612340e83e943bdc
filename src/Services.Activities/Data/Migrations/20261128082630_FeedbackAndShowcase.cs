using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Services.Activities.Data.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackAndShowcase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "session_feedback",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    registration_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rating = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_session_feedback", x => x.id);
                    table.CheckConstraint("ck_session_feedback_rating", "rating BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_session_feedback_registrations_registration_id",
                        column: x => x.registration_id,
                        principalTable: "registrations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "showcase_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    maker = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    maker_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    picture_ref = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_showcase_items", x => x.id);
                    table.CheckConstraint("ck_showcase_items_maker_kind", "maker_kind IN ('resident', 'group')");
                    table.ForeignKey(
                        name: "fk_showcase_items_sessions_session_id",
                        column: x => x.session_id,
                        principalTable: "sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_session_feedback_registration_id",
                table: "session_feedback",
                column: "registration_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_session_feedback_session_id",
                table: "session_feedback",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ix_showcase_items_session_id",
                table: "showcase_items",
                column: "session_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "session_feedback");

            migrationBuilder.DropTable(
                name: "showcase_items");
        }
    }
}
