using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hop.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SafetyColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "blocked_by",
                table: "links",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "host_key",
                table: "links",
                type: "TEXT",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "target_host",
                table: "links",
                type: "TEXT",
                maxLength: 255,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "warning",
                table: "links",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            // Existing links get their host and host key; stored targets are normalized absolute URLs,
            // so the authority runs from "://" to the first '/'.
            migrationBuilder.Sql("""
                UPDATE links SET target_host = rtrim(lower(
                    CASE WHEN substr(a, 1, 1) = '[' THEN substr(a, 1, instr(a, ']'))
                         WHEN instr(a, ':') > 0 THEN substr(a, 1, instr(a, ':') - 1)
                         ELSE a END), '.')
                FROM (SELECT id AS link_id,
                             substr(substr(target_url, instr(target_url, '://') + 3), 1,
                                    instr(substr(target_url, instr(target_url, '://') + 3) || '/', '/') - 1) AS a
                      FROM links) AS authority
                WHERE links.id = authority.link_id;
                """);
            migrationBuilder.Sql("""
                WITH RECURSIVE split(link_id, rest, key) AS (
                    SELECT id, target_host || '.', '' FROM links
                    UNION ALL
                    SELECT link_id, substr(rest, instr(rest, '.') + 1), substr(rest, 1, instr(rest, '.')) || key
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
