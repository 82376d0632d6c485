using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hop.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "app_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_app_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "code_sequences",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    next_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_code_sequences", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "links",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    target_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    is_custom_alias = table.Column<bool>(type: "INTEGER", nullable: false),
                    owner_id = table.Column<long>(type: "INTEGER", nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    redirect_status = table.Column<int>(type: "INTEGER", nullable: false),
                    forward_query = table.Column<bool>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    max_visits = table.Column<long>(type: "INTEGER", nullable: true),
                    visit_count = table.Column<long>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    disabled_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_links", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "code_sequences",
                columns: new[] { "name", "next_id" },
                values: new object[] { "links", 0L });

            migrationBuilder.CreateIndex(
                name: "ix_links_code",
                table: "links",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_links_created_at_id",
                table: "links",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_links_owner_id_created_at_id",
                table: "links",
                columns: new[] { "owner_id", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "app_settings");

            migrationBuilder.DropTable(
                name: "code_sequences");

            migrationBuilder.DropTable(
                name: "links");
        }
    }
}
