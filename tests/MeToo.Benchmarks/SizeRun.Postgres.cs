using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace MeToo.Benchmarks;

/// <summary>
/// The app on PostgreSQL (<c>--postgres</c>): the same stories as the SQLite database the raw
/// baseline reads — copied in row for row — so the pages match and every figure compares the same
/// work; the server's CPU (its backends) is counted with the app's.
/// </summary>
public sealed partial class SizeRun
{
    private string? _postgresDatabase;

    private bool OnPostgres => settings.Postgres is not null;

    /// <summary>Where databases are made and dropped: the database named, or <c>postgres</c>.</summary>
    private string Server
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(settings.Postgres) { Pooling = false };
            builder.Database ??= "postgres";
            return builder.ConnectionString;
        }
    }

    /// <summary>Times the app's <c>seed</c> on PostgreSQL against a raw binary COPY of the same rows, and keeps the copy for the run.</summary>
    private async Task PreparePostgresAsync()
    {
        var seeded = await NewDatabaseAsync("seed");
        var clock = Stopwatch.StartNew();
        ServerProcess.Run(AppHost, $"seed --stories {size}", AppDirectory, Environment(_database, cached: true, postgres: seeded));
        var seed = clock.Elapsed;
        await DropDatabaseAsync(seeded);

        _postgresDatabase = await NewDatabaseAsync("run");
        clock.Restart();
        await CopyStoriesAsync(_postgresDatabase);
        var raw = clock.Elapsed;
        report.Row(size, $"`seed --stories {size}` on PostgreSQL (process start and text generation included)", $"{seed.TotalSeconds:0.0} s", $"raw binary COPY of the same rows, index and search vectors {raw.TotalSeconds:0.0} s", seed / raw, 1.5);
    }

    /// <summary>A database made by the app's own migrations (one start with <c>seed --stories 1</c>), emptied of stories.</summary>
    private async Task<string> NewDatabaseAsync(string purpose)
    {
        var name = $"metoo_bench_{purpose}_{size}_{Guid.NewGuid():N}"[..50];
        await using (var server = new NpgsqlConnection(Server))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'", server);
            await create.ExecuteNonQueryAsync();
        }

        // The app's connection string as an operator writes it: pooled (one backend per request would measure fork()).
        var database = new NpgsqlConnectionStringBuilder(settings.Postgres) { Database = name }.ConnectionString;
        ServerProcess.Run(AppHost, "seed --stories 1", AppDirectory, Environment(_database, cached: true, postgres: database));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var empty = new NpgsqlCommand("""DELETE FROM "StoryTags"; DELETE FROM "Stories"; DELETE FROM "DailyTallies"; """, connection);
        await empty.ExecuteNonQueryAsync();
        return database;
    }

    private async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await using var server = new NpgsqlConnection(Server);
        await server.OpenAsync();
        // Not WITH (FORCE): that would have to signal the server's own autovacuum worker, which a
        // plain DROP stops by itself; a session still closing is waited for a few times.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", server);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Every story and tag of the SQLite database, by binary COPY; the identity moved past them; then ANALYZE.</summary>
    private async Task CopyStoriesAsync(string database)
    {
        // No command timeout: completing a million rows' COPY (the server builds the indexes and the
        // search vectors as it goes) takes longer than Npgsql's default 30 s, and the run stopped there.
        await using var target = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 0 }.ConnectionString);
        await target.OpenAsync();
        await using (var sqlite = Open(_database))
        {
            foreach (var table in new[] { "Stories", "StoryTags" })
            {
                var columns = new List<(string Name, string Type)>();
                await using (var describe = new NpgsqlCommand("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = @table AND is_generated = 'NEVER' ORDER BY ordinal_position", target))
                {
                    describe.Parameters.AddWithValue("@table", table);
                    await using var reader = await describe.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        columns.Add((reader.GetString(0), reader.GetString(1)));
                    }
                }

                var list = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
                await using var importer = await target.BeginBinaryImportAsync($"COPY \"{table}\" ({list}) FROM STDIN (FORMAT BINARY)");
                await using var read = sqlite.CreateCommand();
                read.CommandText = $"SELECT {list} FROM \"{table}\"";
                await using (var rows = await read.ExecuteReaderAsync())
                {
                    while (await rows.ReadAsync())
                    {
                        await importer.StartRowAsync();
                        for (var i = 0; i < columns.Count; i++)
                        {
                            await WriteAsync(importer, rows, i, columns[i].Type);
                        }
                    }
                }

                await importer.CompleteAsync();
            }
        }

        await using var finish = new NpgsqlCommand("""SELECT setval(pg_get_serial_sequence('"Stories"', 'Id'), (SELECT max("Id") FROM "Stories")); ANALYZE;""", target);
        finish.CommandTimeout = 0;
        await finish.ExecuteNonQueryAsync();
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, SqliteDataReader rows, int i, string type)
    {
        if (rows.IsDBNull(i))
        {
            return importer.WriteNullAsync();
        }

        return type switch
        {
            "integer" => importer.WriteAsync(rows.GetInt32(i), NpgsqlDbType.Integer),
            "bigint" => importer.WriteAsync(rows.GetInt64(i), NpgsqlDbType.Bigint),
            "boolean" => importer.WriteAsync(rows.GetInt64(i) != 0, NpgsqlDbType.Boolean),
            "date" => importer.WriteAsync(DateOnly.ParseExact(rows.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date),
            "character varying" => importer.WriteAsync(rows.GetString(i), NpgsqlDbType.Varchar),
            "bytea" => importer.WriteAsync((byte[])rows.GetValue(i), NpgsqlDbType.Bytea),
            "timestamp with time zone" => importer.WriteAsync(DateTime.SpecifyKind(DateTime.Parse(rows.GetString(i), CultureInfo.InvariantCulture), DateTimeKind.Utc), NpgsqlDbType.TimestampTz),
            _ => importer.WriteAsync(rows.GetString(i), NpgsqlDbType.Text),
        };
    }

    /// <summary>
    /// On PostgreSQL the app's supports land there and the raw baseline's in its SQLite file: the
    /// app's counts are copied into the file, so the two pages of stories stay the same page.
    /// </summary>
    private async Task AlignSupportCountsAsync()
    {
        if (_postgresDatabase is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_postgresDatabase);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("""SELECT "Id", "SupportCount" FROM "Stories" WHERE "Status" = 'Published'""", connection);
        await using var rows = await read.ExecuteReaderAsync();
        await using var sqlite = Open(_database);
        await using var transaction = sqlite.BeginTransaction();
        await using var write = sqlite.CreateCommand();
        write.CommandText = "UPDATE Stories SET SupportCount = $count WHERE Id = $id AND SupportCount <> $count";
        var id = write.Parameters.Add("$id", SqliteType.Integer);
        var count = write.Parameters.Add("$count", SqliteType.Integer);
        while (await rows.ReadAsync())
        {
            id.Value = rows.GetInt64(0);
            count.Value = rows.GetInt32(1);
            await write.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The sum of every story's support count, in the database the app writes.</summary>
    private async Task<long> TotalSupportAsync()
    {
        if (_postgresDatabase is null)
        {
            await using var sqlite = Open(_database);
            return (long)new SqliteCommand("SELECT SUM(SupportCount) FROM Stories", sqlite).ExecuteScalar()!;
        }

        await using var connection = new NpgsqlConnection(_postgresDatabase);
        await connection.OpenAsync();
        await using var sum = new NpgsqlCommand("""SELECT SUM("SupportCount")::bigint FROM "Stories" """, connection);
        return (long)(await sum.ExecuteScalarAsync())!;
    }
}
