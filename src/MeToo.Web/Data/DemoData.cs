using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Bogus;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Data;

/// <summary>
/// Fictional stories for development and load tests, generated with Bogus from a fixed seed and
/// composed from templates this project writes. Every body ends by saying it is a demo.
/// </summary>
public sealed class DemoData(AppDbContext db, Taxonomy taxonomy, Countries countries, TimeProvider time)
{
    public const int DemoPublished = 200;
    public const int DemoPending = 20;
    private const int Seed = 20171015;

    /// <summary>Stories per transaction in a bulk load: large enough to be fast, small enough for the WAL.</summary>
    public const int SeedBatch = 20_000;

    /// <summary>Rows per chunk the text's writer hands to the inserts, and the chunks it may be ahead.</summary>
    private const int SeedChunk = 500, SeedChunksAhead = 4;

    private static readonly string[] Openings =
    [
        "It took me years to write this down.",
        "I have never told anyone this before.",
        "This happened a long time ago, but I still think about it.",
        "I am writing this because I read the other stories here.",
        "For a long time I thought it was my fault.",
        "I was new and wanted to fit in.",
        "Nobody around me seemed to notice.",
        "I kept telling myself it was not a big deal.",
    ];

    private static readonly string[] Middles =
    [
        "Someone I trusted kept making comments about my body, always when no one else could hear.",
        "A person with power over my future made it clear what they expected, and what would happen if I said no.",
        "They kept sending messages late at night, and when I stopped answering they told others lies about me.",
        "In a crowded place a stranger pressed against me, and when I moved away they followed.",
        "I said no more than once. It did not matter to them.",
        "When I finally told someone in charge, I was asked what I had been wearing.",
        "The jokes started small and then became something I dreaded every single day.",
        "I froze. Afterwards I could not understand why I had not left, and I blamed myself.",
        "Friends said I was overreacting, so I stopped talking about it.",
        "I changed my route, my hours and my clothes, as if that was my responsibility.",
    ];

    private static readonly string[] Endings =
    [
        "I am sharing this so that someone else knows they are not alone.",
        "Reading the stories here gave me the courage to say it: me too.",
        "I am still healing, but I am no longer silent.",
        "If this happened to you, it was not your fault.",
        "Writing this is the first step. Thank you for reading.",
        "I hope one day no one has to write a story like this.",
    ];

    private static readonly string[] Titles =
    [
        "Not my fault",
        "The first time I said it out loud",
        "Me too",
        "What I wish I had known",
        "Years later",
        "To anyone who is still silent",
        "I believed them when they said it was nothing",
    ];

    /// <summary>A few fictional demo stories in Spanish and French, so the language filters have something to find.</summary>
    private static readonly Dictionary<string, string[]> OtherLanguages = new(StringComparer.Ordinal)
    {
        ["es"] =
        [
            "Pasó en mi primer trabajo. Un jefe hacía comentarios sobre mi cuerpo delante de todos y yo me reía para que pasara rápido.\n\nTardé años en entender que no era culpa mía. Lo escribo aquí porque sé que no soy la única. (Es una historia ficticia de demostración.)",
            "Nadie me creyó cuando lo conté en casa. Me dijeron que exageraba.\n\nHoy sé que lo que sentí era real, y que callar no me protegió. Si estás leyendo esto y te pasó algo parecido: te creo. (Es una historia ficticia de demostración.)",
        ],
        ["fr"] =
        [
            "C’était pendant un stage. Il me retenait après les réunions, toujours trop près, et je ne savais pas à qui en parler.\n\nJ’ai fini par partir sans rien dire. Aujourd’hui je le dis : ce n’était pas ma faute. (Histoire fictive de démonstration.)",
            "Dans le métro, tous les matins, le même homme. J’ai changé d’horaire, puis de ligne.\n\nJ’écris ici pour celles et ceux qui changent encore d’horaire : vous n’êtes pas seul·es. (Histoire fictive de démonstration.)",
        ],
    };

    private static readonly string[] DemoCountries = ["US", "GB", "CA", "AU", "IE", "IN", "DE", "FR", "ES", "IT", "NL", "SE", "BR", "MX", "ZA", "NG", "KE", "NZ", "PH", "JP"];

    private static readonly string[] Names = ["A.", "River", "Sam K.", "Quiet one", "M.", "Still here", "J from the north"];

    /// <summary>Seeds the Development demo set: published stories spread over two years, and a pending few.</summary>
    public async Task<(int Published, int Pending)> SeedAsync(CancellationToken cancellationToken = default)
    {
        var faker = new Faker { Random = new Randomizer(Seed) };
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        for (var i = 0; i < DemoPublished + DemoPending; i++)
        {
            var content = NextContent(faker, today);
            if (i % 12 == 5 && i / 12 < 4)
            {
                // Four demo stories are in Spanish or French (the sequence of the others is unchanged).
                var k = i / 12;
                var language = k % 2 == 0 ? "es" : "fr";
                content = content with { Title = null, Body = OtherLanguages[language][k / 2], Language = language };
            }

            var submitted = today.AddDays(-faker.Random.Int(0, 730));
            var story = Story.Submit(PublicId.New(), content, RandomNumberGenerator.GetBytes(32), submitted);
            story.MarkSynthetic();
            if (i < DemoPublished)
            {
                var published = submitted.AddDays(faker.Random.Int(0, 5));
                story.Approve(published > today ? today : published);
            }

            db.Stories.Add(story);
        }

        await db.SaveChangesAsync(cancellationToken);

        // Demo support and #MeToo taps over the last 26 weeks, so /stats and the counts have
        // something to show. Support goes to the stories themselves too, so the totals agree.
        var publishedIds = await db.Stories.Where(s => s.Status == StoryStatus.Published).Select(s => s.Id).ToListAsync(cancellationToken);
        var settings = taxonomy.Settings;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var day = today.AddDays(-182); day <= today; day = day.AddDays(1))
        {
            for (var tap = faker.Random.Int(5, 60); tap > 0; tap--)
            {
                var setting = faker.Random.Bool(0.6f) ? faker.PickRandom(settings.ToList()) : string.Empty;
                await Tallies.AddAsync(db, TallyKinds.MeToo, day, setting, cancellationToken);
            }

            for (var support = faker.Random.Int(0, 40); support > 0; support--)
            {
                var storyId = faker.PickRandom(publishedIds);
                await db.Stories.Where(s => s.Id == storyId).ExecuteUpdateAsync(set => set.SetProperty(s => s.SupportCount, s => s.SupportCount + 1), cancellationToken);
                await Tallies.AddAsync(db, TallyKinds.Support, day, string.Empty, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (DemoPublished, DemoPending);
    }

    /// <summary>Whether the database holds any story a person shared (the seed command then refuses).</summary>
    public Task<bool> HoldsRealStoriesAsync(CancellationToken cancellationToken = default) =>
        db.Stories.AnyAsync(s => !s.Synthetic, cancellationToken);

    /// <summary>
    /// Bulk-loads <paramref name="count"/> published load-test stories: bodies of 300 to 3,000
    /// characters with the word distribution of prose (<see cref="SyntheticText"/>), tags, countries,
    /// years and support counts spread as on a real site, all marked <see cref="Story.Synthetic"/>.
    /// On SQLite, plain prepared inserts in transactions of <see cref="SeedBatch"/> rows, with a large
    /// page cache for the load, so a million stories load in minutes; the search index is fed by its
    /// triggers as for any published story. On PostgreSQL, binary COPY of each batch (a round trip
    /// per row would dominate), the search vector computed by the server as for any insert.
    /// </summary>
    public async Task<int> BulkLoadPublishedAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        // Writing the text is half the work: it is done on another core, a little ahead of the inserts,
        // handed over in chunks (handed over a row at a time, the writer was woken for every row the
        // inserts took, and the thread pool's spinning between wake-ups cost more than the text).
        var chunks = System.Threading.Channels.Channel.CreateBounded<SeedRow[]>(new System.Threading.Channels.BoundedChannelOptions(SeedChunksAhead) { SingleReader = true, SingleWriter = true });
        var rows = new SeedRowReader(chunks.Reader);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var producer = Task.Run(() => WriteRowsAsync(chunks.Writer, count, today, cancellationToken), cancellationToken);
        var sqlite = db.Database.IsSqlite();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (connection is Npgsql.NpgsqlConnection postgres)
        {
            try
            {
                await CopyIntoPostgresAsync(postgres, rows, count, cancellationToken);
                await producer;
                return count;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        try
        {
            using (var pragma = connection.CreateCommand())
            {
                // For the load only: a 256 MB page cache, and no waiting for the disk at each commit (a crash of
                // the machine mid-load can lose the load-test rows; nothing else is ever in such a database).
                pragma.CommandText = sqlite ? "PRAGMA cache_size = -262144; PRAGMA synchronous = OFF;" : "SET synchronous_commit = off;";
                pragma.ExecuteNonQuery();
            }

            // Plain ADO.NET that both engines read alike: quoted names, @parameters, dates as DateOnly.
            using var insertStory = connection.CreateCommand();
            insertStory.CommandText = """
                INSERT INTO "Stories" ("PublicId", "Title", "Body", "DisplayName", "Year", "CountryCode", "SubmittedOn", "PublishedOn", "PublicOrder",
                                       "StatusChangedOn", "Status", "ReviewReason", "Version", "SupportCount", "ReceiptHash", "OpenData", "Synthetic", "IsPriority")
                VALUES (@publicId, @title, @body, @displayName, @year, @country, @submitted, @published, @publicOrder,
                        @published, 'Published', 'New', 2, @support, @receiptHash, @openData, TRUE, FALSE)
                RETURNING "Id";
                """;
            var p = new Dictionary<string, DbParameter>();
            foreach (var name in new[] { "@publicId", "@title", "@body", "@displayName", "@year", "@country", "@submitted", "@published", "@publicOrder", "@support", "@receiptHash", "@openData" })
            {
                var parameter = insertStory.CreateParameter();
                parameter.ParameterName = name;
                insertStory.Parameters.Add(parameter);
                p[name] = parameter;
            }

            p["@title"].DbType = p["@body"].DbType = p["@displayName"].DbType = p["@country"].DbType = p["@publicId"].DbType = DbType.String;
            p["@year"].DbType = DbType.Int32;

            using var insertTag = connection.CreateCommand();
            insertTag.CommandText = """INSERT INTO "StoryTags" ("StoryId", "Kind", "Key") VALUES (@storyId, @kind, @key);""";
            DbParameter TagParameter(string name)
            {
                var parameter = insertTag.CreateParameter();
                parameter.ParameterName = name;
                insertTag.Parameters.Add(parameter);
                return parameter;
            }

            var tagStory = TagParameter("@storyId");
            var tagKind = TagParameter("@kind");
            var tagKey = TagParameter("@key");

            var done = 0;
            while (done < count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var transaction = connection.BeginTransaction();
                insertStory.Transaction = transaction;
                insertTag.Transaction = transaction;
                for (var end = Math.Min(count, done + SeedBatch); done < end; done++)
                {
                    var row = await rows.ReadAsync(cancellationToken);
                    p["@publicId"].Value = row.PublicId;
                    p["@publicOrder"].Value = PublicOrder.Of(row.Published, row.PublicId);
                    p["@title"].Value = (object?)row.Title ?? DBNull.Value;
                    p["@body"].Value = row.Body;
                    p["@displayName"].Value = (object?)row.DisplayName ?? DBNull.Value;
                    p["@year"].Value = (object?)row.Year ?? DBNull.Value;
                    p["@country"].Value = (object?)row.Country ?? DBNull.Value;
                    p["@submitted"].Value = row.Submitted;
                    p["@published"].Value = row.Published;
                    p["@support"].Value = row.Support;
                    p["@receiptHash"].Value = row.ReceiptHash;
                    p["@openData"].Value = row.OpenData;
                    tagStory.Value = Convert.ToInt64(insertStory.ExecuteScalar(), CultureInfo.InvariantCulture);
                    foreach (var (kind, key) in row.Tags)
                    {
                        tagKind.Value = (int)kind;
                        tagKey.Value = key;
                        insertTag.ExecuteNonQuery();
                    }
                }

                transaction.Commit();
            }

            await producer;
        }
        finally
        {
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = sqlite ? SqlitePragmas.Statements : "RESET synchronous_commit;"; // the pooled connection goes back as every other is
                pragma.ExecuteNonQuery();
            }

            await db.Database.CloseConnectionAsync();
        }

        return count;
    }

    /// <summary>
    /// PostgreSQL: a row at a time would be a round trip each (100,000 stories took 2.7 × a raw load).
    /// Instead, per batch, ids are drawn from the identity's sequence and the stories and their tags
    /// go in by binary COPY; the search vector is computed by the server as for any insert.
    /// </summary>
    private static async Task CopyIntoPostgresAsync(Npgsql.NpgsqlConnection connection, SeedRowReader rows, int count, CancellationToken cancellationToken)
    {
        await using (var setting = new Npgsql.NpgsqlCommand("SET synchronous_commit = off", connection))
        {
            await setting.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var done = 0;
            while (done < count)
            {
                var batch = new List<SeedRow>(Math.Min(SeedBatch, count - done));
                while (batch.Count < batch.Capacity)
                {
                    batch.Add(await rows.ReadAsync(cancellationToken));
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var ids = new List<long>(batch.Count);
                await using (var draw = new Npgsql.NpgsqlCommand("""SELECT nextval(pg_get_serial_sequence('"Stories"', 'Id')) FROM generate_series(1, @n)""", connection, transaction))
                {
                    draw.Parameters.AddWithValue("@n", batch.Count);
                    await using var reader = await draw.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        ids.Add(reader.GetInt64(0));
                    }
                }

                await using (var stories = await connection.BeginBinaryImportAsync("""
                    COPY "Stories" ("Id", "PublicId", "Title", "Body", "DisplayName", "Year", "CountryCode", "SubmittedOn", "PublishedOn", "PublicOrder",
                                    "StatusChangedOn", "Status", "ReviewReason", "Version", "SupportCount", "ReceiptHash", "OpenData", "Synthetic", "IsPriority")
                    FROM STDIN (FORMAT BINARY)
                    """, cancellationToken))
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var row = batch[i];
                        await stories.StartRowAsync(cancellationToken);
                        await stories.WriteAsync(ids[i], NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                        await stories.WriteAsync(row.PublicId, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                        await WriteOrNullAsync(stories, row.Title, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                        await stories.WriteAsync(row.Body, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                        await WriteOrNullAsync(stories, row.DisplayName, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                        await WriteOrNullAsync(stories, row.Year, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                        await WriteOrNullAsync(stories, row.Country, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                        await stories.WriteAsync(row.Submitted, NpgsqlTypes.NpgsqlDbType.Date, cancellationToken);
                        await stories.WriteAsync(row.Published, NpgsqlTypes.NpgsqlDbType.Date, cancellationToken);
                        await stories.WriteAsync(PublicOrder.Of(row.Published, row.PublicId), NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                        await stories.WriteAsync(row.Published, NpgsqlTypes.NpgsqlDbType.Date, cancellationToken);
                        await stories.WriteAsync(nameof(StoryStatus.Published), NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                        await stories.WriteAsync(nameof(ReviewReason.New), NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                        await stories.WriteAsync(2, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                        await stories.WriteAsync(row.Support, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                        await stories.WriteAsync(row.ReceiptHash, NpgsqlTypes.NpgsqlDbType.Bytea, cancellationToken);
                        await stories.WriteAsync(row.OpenData, NpgsqlTypes.NpgsqlDbType.Boolean, cancellationToken);
                        await stories.WriteAsync(true, NpgsqlTypes.NpgsqlDbType.Boolean, cancellationToken);
                        await stories.WriteAsync(false, NpgsqlTypes.NpgsqlDbType.Boolean, cancellationToken);
                    }

                    await stories.CompleteAsync(cancellationToken);
                }

                await using (var tags = await connection.BeginBinaryImportAsync("""COPY "StoryTags" ("StoryId", "Kind", "Key") FROM STDIN (FORMAT BINARY)""", cancellationToken))
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        foreach (var (kind, key) in batch[i].Tags)
                        {
                            await tags.StartRowAsync(cancellationToken);
                            await tags.WriteAsync(ids[i], NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                            await tags.WriteAsync((int)kind, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                            await tags.WriteAsync(key, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                        }
                    }

                    await tags.CompleteAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                done += batch.Count;
            }
        }
        finally
        {
            await using var reset = new Npgsql.NpgsqlCommand("RESET synchronous_commit", connection);
            await reset.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static Task WriteOrNullAsync<T>(Npgsql.NpgsqlBinaryImporter importer, T? value, NpgsqlTypes.NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    private sealed record SeedRow(
        string PublicId, string? Title, string Body, string? DisplayName, int? Year, string? Country,
        DateOnly Submitted, DateOnly Published, int Support, byte[] ReceiptHash, bool OpenData, List<(TaxonomyKind Kind, string Key)> Tags);

    /// <summary>The rows of a bulk load, read one by one from the chunks the writer hands over.</summary>
    private sealed class SeedRowReader(System.Threading.Channels.ChannelReader<SeedRow[]> chunks)
    {
        private SeedRow[] _chunk = [];
        private int _next;

        public async ValueTask<SeedRow> ReadAsync(CancellationToken cancellationToken)
        {
            if (_next == _chunk.Length)
            {
                _chunk = await chunks.ReadAsync(cancellationToken);
                _next = 0;
            }

            return _chunk[_next++];
        }
    }

    /// <summary>The load-test stories, one after another, the same for the same seed and count.</summary>
    private async Task WriteRowsAsync(System.Threading.Channels.ChannelWriter<SeedRow[]> writer, int count, DateOnly today, CancellationToken cancellationToken)
    {
        try
        {
            var chunk = new List<SeedRow>(SeedChunk);
            var text = new SyntheticText(Seed + count);
            var random = text.Random;
            var settings = taxonomy.Settings.ToArray();
            var experiences = taxonomy.Experiences.ToArray();
            var warnings = taxonomy.ContentWarnings.ToArray();
            var demoCountries = DemoCountries.Where(countries.IsKnown).ToArray();
            for (var i = 0; i < count; i++)
            {
                var submitted = today.AddDays(-random.Next(0, 1500));
                var published = submitted.AddDays(random.Next(0, 6));
                if (published > today)
                {
                    published = today;
                }

                var tags = new List<(TaxonomyKind, string)>(5);
                var setting = settings[random.Next(settings.Length)];
                tags.Add((TaxonomyKind.Setting, setting));
                if (random.Next(4) == 0 && settings[random.Next(settings.Length)] is var other && other != setting)
                {
                    tags.Add((TaxonomyKind.Setting, other));
                }

                var experience = experiences[random.Next(experiences.Length)];
                tags.Add((TaxonomyKind.Experience, experience));
                if (random.Next(3) == 0 && experiences[random.Next(experiences.Length)] is var second && second != experience)
                {
                    tags.Add((TaxonomyKind.Experience, second));
                }

                if (random.Next(10) < 3)
                {
                    tags.Add((TaxonomyKind.ContentWarning, warnings[random.Next(warnings.Length)]));
                }

                var row = new SeedRow(
                    PublicId: PublicId.New(),
                    Title: text.Title(),
                    Body: text.Body((int)Math.Exp(random.NextDouble() * Math.Log(3000d / 300d) + Math.Log(300))),
                    DisplayName: random.Next(5) == 0 ? Names[random.Next(Names.Length)] : null,
                    Year: random.Next(10) < 7 ? today.Year - (int)(30 * Math.Pow(random.NextDouble(), 2)) : null,
                    Country: random.Next(10) < 7 ? demoCountries[(int)(demoCountries.Length * Math.Pow(random.NextDouble(), 2))] : null,
                    Submitted: submitted,
                    Published: published,
                    Support: (int)Math.Floor(Math.Pow(random.NextDouble(), 4) * 2000), // most stories few, a few many
                    ReceiptHash: RandomNumberGenerator.GetBytes(32),
                    OpenData: random.Next(10) < 3,
                    Tags: tags);
                chunk.Add(row);
                if (chunk.Count == SeedChunk || i == count - 1)
                {
                    await writer.WriteAsync([.. chunk], cancellationToken);
                    chunk.Clear();
                }
            }

            writer.Complete();
        }
        catch (Exception exception)
        {
            writer.Complete(exception);
            throw;
        }
    }

    private StoryContent NextContent(Faker faker, DateOnly today)
    {
        var paragraphs = new List<string>
        {
            faker.PickRandom(Openings) + " " + faker.PickRandom(Middles),
            string.Join(' ', faker.PickRandom(Middles, 2)),
            faker.PickRandom(Endings) + " (This is a fictional demo story.)",
        };
        var anonymous = faker.Random.Bool(0.8f);
        return new StoryContent(
            Title: faker.Random.Bool(0.6f) ? faker.PickRandom(Titles) : null,
            Body: string.Join("\n\n", paragraphs),
            DisplayName: anonymous ? null : faker.PickRandom(Names),
            Year: faker.Random.Bool(0.7f) ? faker.Random.Int(today.Year - 30, today.Year) : null,
            CountryCode: faker.Random.Bool(0.7f) ? faker.PickRandom(DemoCountries.Where(countries.IsKnown).ToList()) : null,
            Settings: [.. faker.PickRandom(taxonomy.Settings, faker.Random.Int(1, 2)).Distinct()],
            Experiences: [.. faker.PickRandom(taxonomy.Experiences, faker.Random.Int(1, 2)).Distinct()],
            ContentWarnings: faker.Random.Bool(0.3f) ? new[] { faker.PickRandom(taxonomy.ContentWarnings.ToList()) } : Array.Empty<string>());
    }
}
