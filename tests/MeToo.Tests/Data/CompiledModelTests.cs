using MeToo.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MeToo.Tests.Data;

/// <summary>
/// The app starts from a compiled EF model (<c>Data/CompiledModels</c>, made by
/// <c>dotnet ef dbcontext optimize</c>): building the model from the configuration classes took a
/// third of a second of every start. A compiled model is code generated once, so a change to an
/// entity or its configuration without regenerating it would run the app on the old shape. These
/// tests fail then, for each engine, and say the command that fixes it.
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Engines => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Engines))]
    public void TheCompiledModel_IsTheOneTheCodeDescribes(string engine)
    {
        using var db = Create(engine);
        var designed = db.GetService<IDesignTimeModel>().Model;
        var running = db.Model;

        // The compiled model is the one in use (not one rebuilt from the configuration at start).
        Assert.Equal(engine == "Sqlite" ? "AppDbContextModel" : "PostgresDbContextModel", RuntimeModelName(running));

        // Entity by entity: tables, columns, types, converters, keys, indexes and relationships.
        var compiledProperties = Describe(running);
        var designedProperties = Describe(designed);
        Assert.True(
            compiledProperties.SequenceEqual(designedProperties),
            $"The compiled {engine} model is out of date (first difference: {compiledProperties.Except(designedProperties).Concat(designedProperties.Except(compiledProperties)).FirstOrDefault()}). Regenerate it: "
            + (engine == "Sqlite"
                ? "dotnet ef dbcontext optimize --project src/MeToo.Web --context AppDbContext --output-dir Data/CompiledModels/Sqlite --namespace MeToo.Web.Data.CompiledModels.Sqlite"
                : "dotnet ef dbcontext optimize --project src/MeToo.Web --context PostgresDbContext --output-dir Data/CompiledModels/Postgres --namespace MeToo.Web.Data.CompiledModels.Postgres"));
    }

    private static AppDbContext Create(string engine)
    {
        if (engine == "Sqlite")
        {
            var sqlite = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.ConfigureSqlite(sqlite, "Data Source=:memory:");
            return new AppDbContext(sqlite.Options);
        }

        // Nothing connects: the model is built without a server.
        var postgres = new DbContextOptionsBuilder<PostgresDbContext>();
        DatabaseSetup.ConfigurePostgres(postgres, "Host=127.0.0.1;Database=unused;Username=unused");
        return new PostgresDbContext(postgres.Options);
    }

    private static string RuntimeModelName(IModel model)
    {
        // EF hands out the compiled model itself once it is finalized.
        var type = model.GetType();
        return type.Namespace?.Contains("CompiledModels", StringComparison.Ordinal) == true ? type.Name : "(built at run time: " + type.Name + ")";
    }

    private static List<string> Describe(IModel model) =>
    [
        .. model.GetEntityTypes().SelectMany(e => new[] { $"{e.Name} table={e.GetTableName()} view={e.GetViewName()}" }
            .Concat(e.GetProperties().Select(p =>
                $"{e.Name}.{p.Name}: {p.ClrType.Name} null={p.IsNullable} max={p.GetMaxLength()} column={p.GetColumnName()} type={p.GetColumnType()} "
                + $"converter={p.GetValueConverter()?.GetType().Name} concurrency={p.IsConcurrencyToken} generated={p.ValueGenerated} access={p.GetPropertyAccessMode()}"))
            .Concat(e.GetKeys().Select(k => $"{e.Name} key {string.Join(",", k.Properties.Select(p => p.Name))} primary={k.IsPrimaryKey()}"))
            .Concat(e.GetIndexes().Select(i => $"{e.Name} index {i.GetDatabaseName()} ({string.Join(",", i.Properties.Select(p => p.Name))}) unique={i.IsUnique}"))
            .Concat(e.GetForeignKeys().Select(f => $"{e.Name} fk ({string.Join(",", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} {f.DeleteBehavior} required={f.IsRequired}"))
            .Concat(e.GetNavigations().Select(n => $"{e.Name}->{n.Name}: {n.TargetEntityType.Name} access={n.GetPropertyAccessMode()}")))
            .Order(StringComparer.Ordinal),
    ];
}
