using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeToo.Web.Domain;

/// <summary>The country list of the share form and the filters, from <c>seeds/countries.json</c> (ISO 3166 codes).</summary>
public sealed class Countries
{
    private readonly Dictionary<string, string> _names;

    public Countries(IEnumerable<Country> all)
    {
        All = [.. all];
        _names = All.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<Country> All { get; }

    public bool IsKnown(string? code) => code is not null && _names.ContainsKey(code);

    public string NameOf(string code) => _names.TryGetValue(code, out var name) ? name : code;

    public static Countries Load(string path)
    {
        using var stream = File.OpenRead(path);
        var list = JsonSerializer.Deserialize<List<Country>>(stream)
            ?? throw new InvalidDataException($"{path} is empty.");
        return new Countries(list);
    }

    public sealed record Country(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("name")] string Name);
}
