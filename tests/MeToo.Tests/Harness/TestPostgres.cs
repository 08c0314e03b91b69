using Npgsql;

namespace MeToo.Tests.Harness;

public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The PostgreSQL server of the tests, named by <c>METOO_TEST_POSTGRES</c> (a connection string whose
/// role may create databases). Without it a PostgreSQL test is skipped with this message — except under
/// <c>CI=true</c>, where a missing server is a failure.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "METOO_TEST_POSTGRES";

    /// <summary>
    /// The engine of every test that does not name one: SQLite, or PostgreSQL when
    /// <c>METOO_TEST_ENGINE=Postgres</c> (CI runs the suite once on each).
    /// </summary>
    public static DatabaseEngine SuiteEngine { get; } =
        string.Equals(Environment.GetEnvironmentVariable("METOO_TEST_ENGINE"), "Postgres", StringComparison.OrdinalIgnoreCase) ? DatabaseEngine.Postgres : DatabaseEngine.Sqlite;

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips (or under CI fails) the calling test when there is no server.</summary>
    public static string RequireServer()
    {
        if (Server is { } server)
        {
            return server;
        }

        var message = $"PostgreSQL tests need a server: set {Variable} to a connection string whose role may create databases, e.g. \"Host=localhost;Username=metoo;Password=metoo\".";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message + " CI must start one.");
        }

        Assert.Skip(message);
        return string.Empty;
    }

    /// <summary>A new, empty database of its own; the app's migrations make its schema.</summary>
    public static string CreateDatabase()
    {
        var server = new NpgsqlConnectionStringBuilder(RequireServer());
        var name = "metoo_test_" + Guid.NewGuid().ToString("n");
        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // A UTF-8 character type whatever the cluster's default, as docs/operations.md asks of operators.
            command.CommandText = $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'";
            command.ExecuteNonQuery();
        }

        // Test classes run side by side, each app with its own pool: a small pool each keeps the sum under
        // the server's max_connections (100 by default), as an operator sizes N instances (docs/operations.md).
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, MaxPoolSize = 10 }.ConnectionString;
    }

    /// <summary>
    /// Drops a test's database once its pools are cleared: plain <c>DROP DATABASE</c> (which stops an
    /// autovacuum worker by itself; <c>WITH (FORCE)</c> would need the right to signal the server's own
    /// processes), tried again while a closing connection still holds it, then after ending this
    /// role's own sessions on it. A database that still cannot be dropped is left, and said, rather
    /// than failing a test that passed.
    /// </summary>
    public static void DropDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            connection.Open();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = $"DROP DATABASE IF EXISTS {builder.Database}";
                    command.ExecuteNonQuery();
                    return;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 100)
                {
                    if (attempt % 20 == 0)
                    {
                        using var terminate = connection.CreateCommand();
                        terminate.CommandText = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid() AND usename = current_user";
                        terminate.Parameters.AddWithValue("name", builder.Database!);
                        terminate.ExecuteNonQuery();
                    }

                    Thread.Sleep(100);
                }
            }
        }
        catch (NpgsqlException e)
        {
            Console.Error.WriteLine($"The test database {builder.Database} was left on the server: {e.Message}");
        }
    }
}
