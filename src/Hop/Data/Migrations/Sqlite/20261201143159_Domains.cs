using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hop.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Domains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_links_code",
                table: "links");

            migrationBuilder.AddColumn<long>(
                name: "domain_id",
                table: "links",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<long>(
                name: "domain_id",
                table: "api_keys",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "domains",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    is_default = table.Column<bool>(type: "INTEGER", nullable: false),
                    https = table.Column<bool>(type: "INTEGER", nullable: false),
                    root_redirect = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    not_found_redirect = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    access = table.Column<int>(type: "INTEGER", nullable: false),
                    users = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_domains", x => x.id);
                });

            // The default domain; its host is set from Links:PublicBaseUrl at start-up. Every existing
            // link belongs to it (the domain_id column above defaults to 1).
            migrationBuilder.Sql(
                "INSERT INTO domains (id, host, is_default, https, access, users, created_at, updated_at) "
                + "VALUES (1, 'localhost', 1, 1, 0, '[]', '2026-12-01 00:00:00', '2026-12-01 00:00:00');");

            migrationBuilder.CreateIndex(
                name: "ix_links_domain_id_code",
                table: "links",
                columns: new[] { "domain_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_domain_id",
                table: "api_keys",
                column: "domain_id");

            migrationBuilder.CreateIndex(
                name: "ix_domains_host",
                table: "domains",
                column: "host",
                unique: true);

            // No foreign keys to domains here: SQLite adds one only by rebuilding the table, and the rebuild
            // would drop the column defaults earlier migrations set (links.target_host, links.host_key).
            // The application keeps the reference: a domain with links or keys cannot be removed.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "domains");

            migrationBuilder.DropIndex(
                name: "ix_links_domain_id_code",
                table: "links");

            migrationBuilder.DropIndex(
                name: "ix_api_keys_domain_id",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "domain_id",
                table: "links");

            migrationBuilder.DropColumn(
                name: "domain_id",
                table: "api_keys");

            migrationBuilder.CreateIndex(
                name: "ix_links_code",
                table: "links",
                column: "code",
                unique: true);
        }
    }
}
