using MeToo.Tests.Harness;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.PrivacyRules;

/// <summary>privacy rules 1–3: what the schema can hold about an author, and what it cannot.</summary>
public sealed class StoredDataTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Type[] AuthorEntities = [typeof(Story), typeof(StoryTag), typeof(StoryRevision), typeof(ScreeningMarker)];

    private static readonly string[] IdentifyingWords = ["ip", "address", "agent", "referer", "referrer", "cookie", "session", "fingerprint", "device", "location", "email", "phone", "account", "user", "time", "timestamp"];

    /// <summary>"RemoteIpAddress" → remote, ip, address.</summary>
    private static IEnumerable<string> Words(string name) =>
        System.Text.RegularExpressions.Regex.Split(name, "(?<=[a-z])(?=[A-Z])|_").Select(w => w.ToLowerInvariant());

    [Fact]
    public void AuthorEntities_HaveNoTimeFinerThanADay_AndNoFieldForRequestMetadata()
    {
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;

        foreach (var type in AuthorEntities)
        {
            var entity = model.FindEntityType(type)!;
            foreach (var property in entity.GetProperties())
            {
                var clr = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                Assert.False(clr == typeof(DateTime) || clr == typeof(DateTimeOffset) || clr == typeof(TimeOnly) || clr == typeof(TimeSpan),
                    $"{type.Name}.{property.Name} stores a time finer than a day");
                Assert.Empty(Words(property.Name).Intersect(IdentifyingWords));
            }
        }
    }

    [Fact]
    public async Task TheStoryTablesInTheDatabase_HaveNoColumnForRequestMetadata()
    {
        await using var db = app.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = db.Database.IsNpgsql()
            ? "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns WHERE table_schema = current_schema() AND (table_name LIKE 'Stor%' OR table_name LIKE 'Screening%')"
            : "SELECT m.name, p.name, p.type FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND (m.name LIKE 'Stor%' OR m.name LIKE 'Screening%')";
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        Assert.Contains(columns, c => c is { Table: "Stories", Column: "SubmittedOn" });
        Assert.True(columns.Count > 50, $"only {columns.Count} columns were read");
        Assert.All(columns, c => Assert.Empty(Words(c.Column).Intersect(IdentifyingWords)));
    }

    [Fact]
    public async Task SubmittedAndPublishedDays_AreStoredAsPlainDates()
    {
        var client = app.CreateClient();
        var body = $"A story whose stored dates are checked to the letter. {Guid.NewGuid():N}";
        await Journeys.ShareAndGetReceiptAsync(client, body);

        await using var db = app.CreateDbContext();
        var submitted = await db.Database.SqlQueryRaw<string>("SELECT CAST(\"SubmittedOn\" AS TEXT) AS \"Value\" FROM \"Stories\" WHERE \"Body\" = {0}", body).SingleAsync();

        Assert.Equal("2026-03-14", submitted);
    }

    [Fact]
    public async Task PublicIds_AreRandom_NotInSubmissionOrder()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 12; i++)
        {
            await Journeys.ShareAndGetReceiptAsync(client, $"Order check story number {i}, long enough to be accepted. {Guid.NewGuid():N}");
        }

        var ids = await app.WithDbAsync(db => db.Stories.Where(s => s.Body.StartsWith("Order check")).OrderBy(s => s.Id).Select(s => s.PublicId).ToListAsync());

        Assert.Equal(12, ids.Distinct().Count());
        Assert.NotEqual(ids.OrderBy(x => x, StringComparer.Ordinal).ToList(), ids);
        Assert.All(ids, id => Assert.True(MeToo.Web.Privacy.PublicId.IsWellFormed(id)));
    }
}
