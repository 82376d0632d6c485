using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hop.Data.Migrations.ClicksSqlite
{
    /// <inheritdoc />
    public partial class ClickRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<short>(
                name: "sample_rate",
                table: "visits",
                type: "INTEGER",
                nullable: false,
                defaultValue: (short)1);

            migrationBuilder.AddColumn<long>(
                name: "owner_id",
                table: "visit_counts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "account_counts",
                columns: table => new
                {
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    bots = table.Column<long>(type: "INTEGER", nullable: false),
                    humans = table.Column<long>(type: "INTEGER", nullable: false),
                    mail_scanners = table.Column<long>(type: "INTEGER", nullable: false),
                    prefetches = table.Column<long>(type: "INTEGER", nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    unfurlers = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_counts", x => new { x.account_id, x.hour });
                });

            migrationBuilder.CreateTable(
                name: "account_dimension_days",
                columns: table => new
                {
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    dimension = table.Column<short>(type: "INTEGER", nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_dimension_days", x => new { x.account_id, x.day, x.dimension, x.value });
                });

            migrationBuilder.CreateTable(
                name: "account_dimensions",
                columns: table => new
                {
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    dimension = table.Column<short>(type: "INTEGER", nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_dimensions", x => new { x.account_id, x.hour, x.dimension, x.value });
                });

            migrationBuilder.CreateTable(
                name: "account_visitor_days",
                columns: table => new
                {
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    visitors = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_visitor_days", x => new { x.account_id, x.day });
                });

            migrationBuilder.CreateTable(
                name: "applied_batches",
                columns: table => new
                {
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    applied_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_applied_batches", x => x.batch_id);
                });

            migrationBuilder.CreateTable(
                name: "link_days",
                columns: table => new
                {
                    link_id = table.Column<long>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    owner_id = table.Column<long>(type: "INTEGER", nullable: true),
                    total = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_days", x => new { x.link_id, x.day });
                });

            migrationBuilder.CreateTable(
                name: "link_dimension_days",
                columns: table => new
                {
                    link_id = table.Column<long>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    dimension = table.Column<short>(type: "INTEGER", nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_dimension_days", x => new { x.link_id, x.day, x.dimension, x.value });
                });

            migrationBuilder.CreateTable(
                name: "link_visitor_days",
                columns: table => new
                {
                    link_id = table.Column<long>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    visitors = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_visitor_days", x => new { x.link_id, x.day });
                });

            migrationBuilder.CreateIndex(
                name: "ix_applied_batches_applied_at",
                table: "applied_batches",
                column: "applied_at");

            migrationBuilder.CreateIndex(
                name: "ix_link_days_day_total",
                table: "link_days",
                columns: new[] { "day", "total" });

            migrationBuilder.CreateIndex(
                name: "ix_link_days_owner_id_day_total",
                table: "link_days",
                columns: new[] { "owner_id", "day", "total" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_counts");

            migrationBuilder.DropTable(
                name: "account_dimension_days");

            migrationBuilder.DropTable(
                name: "account_dimensions");

            migrationBuilder.DropTable(
                name: "account_visitor_days");

            migrationBuilder.DropTable(
                name: "applied_batches");

            migrationBuilder.DropTable(
                name: "link_days");

            migrationBuilder.DropTable(
                name: "link_dimension_days");

            migrationBuilder.DropTable(
                name: "link_visitor_days");

            migrationBuilder.DropColumn(
                name: "sample_rate",
                table: "visits");

            migrationBuilder.DropColumn(
                name: "owner_id",
                table: "visit_counts");
        }
    }
}
