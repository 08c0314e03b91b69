using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeToo.Web.Domain;

/// <summary>The known taxonomy keys from <c>seeds/taxonomy.json</c>, in display order.</summary>
public sealed class Taxonomy
{
    public Taxonomy(IReadOnlyList<string> settings, IReadOnlyList<string> experiences, IReadOnlyList<string> contentWarnings)
    {
        Settings = settings;
        Experiences = experiences;
        ContentWarnings = contentWarnings;
    }

    public IReadOnlyList<string> Settings { get; }

    public IReadOnlyList<string> Experiences { get; }

    public IReadOnlyList<string> ContentWarnings { get; }

    public IReadOnlyList<string> KeysOf(TaxonomyKind kind) => kind switch
    {
        TaxonomyKind.Setting => Settings,
        TaxonomyKind.Experience => Experiences,
        TaxonomyKind.ContentWarning => ContentWarnings,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public bool IsKnown(TaxonomyKind kind, string? key) =>
        key is not null && KeysOf(kind).Contains(key, StringComparer.Ordinal);

    public IEnumerable<TaxonomyTerm> Terms() =>
        new[] { TaxonomyKind.Setting, TaxonomyKind.Experience, TaxonomyKind.ContentWarning }
            .SelectMany(kind => KeysOf(kind).Select((key, position) => new TaxonomyTerm(kind, key, position)));

    public static Taxonomy Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<TaxonomyFile>(stream)
            ?? throw new InvalidDataException($"{path} is empty.");
        return new Taxonomy(file.Settings, file.Experiences, file.ContentWarnings);
    }

    private sealed record TaxonomyFile(
        [property: JsonPropertyName("settings")] List<string> Settings,
        [property: JsonPropertyName("experiences")] List<string> Experiences,
        [property: JsonPropertyName("contentWarnings")] List<string> ContentWarnings);
}
