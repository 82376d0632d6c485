using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Safety : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "target_url",
                table: "links",
                type: "character varying(8192)",
                maxLength: 8192,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2048)",
                oldMaxLength: 2048);

            migrationBuilder.AddColumn<long>(
                name: "blocked_by",
                table: "links",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "host_key",
                table: "links",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "target_host",
                table: "links",
                type: "character varying(255)",
                maxLength: 255,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "warning",
                table: "links",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "abuse_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    link_id = table.Column<long>(type: "bigint", nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    reporter_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    contact_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_abuse_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_abuse_reports_links_link_id",
                        column: x => x.link_id,
                        principalTable: "links",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "blocked_domains",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    value = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    added_by = table.Column<long>(type: "bigint", nullable: true),
                    added_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blocked_domains", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "abuse_report_actions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    report_id = table.Column<long>(type: "bigint", nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    admin_user_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(1100)", maxLength: 1100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_abuse_report_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_abuse_report_actions_abuse_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "abuse_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Existing links get their host and host key; stored targets are normalized absolute URLs,
            // so the authority runs from "://" to the first '/'.
            migrationBuilder.Sql("""
                UPDATE links SET target_host = rtrim(lower(
                    CASE WHEN substr(a, 1, 1) = '[' THEN substr(a, 1, strpos(a, ']'))
                         WHEN strpos(a, ':') > 0 THEN substr(a, 1, strpos(a, ':') - 1)
                         ELSE a END), '.')
                FROM (SELECT id AS link_id,
                             substr(substr(target_url, strpos(target_url, '://') + 3), 1,
                                    strpos(substr(target_url, strpos(target_url, '://') + 3) || '/', '/') - 1) AS a
                      FROM links) AS authority
                WHERE links.id = authority.link_id;
                """);
            migrationBuilder.Sql("""
                WITH RECURSIVE split(link_id, rest, key) AS (
                    SELECT id, target_host || '.', ''::text FROM links
                    UNION ALL
                    SELECT link_id, substr(rest, strpos(rest, '.') + 1)::text, (substr(rest, 1, strpos(rest, '.')) || key)::text
                    FROM split WHERE rest <> '')
                UPDATE links SET host_key = (SELECT key FROM split WHERE split.link_id = links.id AND rest = '');
                """);

            migrationBuilder.CreateIndex(
                name: "ix_links_blocked_by",
                table: "links",
                column: "blocked_by");

            migrationBuilder.CreateIndex(
                name: "ix_links_host_key",
                table: "links",
                column: "host_key");

            migrationBuilder.CreateIndex(
                name: "ix_abuse_report_actions_report_id",
                table: "abuse_report_actions",
                column: "report_id");

            migrationBuilder.CreateIndex(
                name: "ix_abuse_reports_link_id_status",
                table: "abuse_reports",
                columns: new[] { "link_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_abuse_reports_status_id",
                table: "abuse_reports",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_blocked_domains_value",
                table: "blocked_domains",
                column: "value",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "abuse_report_actions");

            migrationBuilder.DropTable(
                name: "blocked_domains");

            migrationBuilder.DropTable(
                name: "abuse_reports");

            migrationBuilder.DropIndex(
                name: "ix_links_blocked_by",
                table: "links");

            migrationBuilder.DropIndex(
                name: "ix_links_host_key",
                table: "links");

            migrationBuilder.DropColumn(
                name: "blocked_by",
                table: "links");

            migrationBuilder.DropColumn(
                name: "host_key",
                table: "links");

            migrationBuilder.DropColumn(
                name: "target_host",
                table: "links");

            migrationBuilder.DropColumn(
                name: "warning",
                table: "links");

            migrationBuilder.AlterColumn<string>(
                name: "target_url",
                table: "links",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(8192)",
                oldMaxLength: 8192);
        }
    }
}
