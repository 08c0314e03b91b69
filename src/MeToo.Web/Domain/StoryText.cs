namespace MeToo.Web.Domain;

/// <summary>Plain-text layout of a story: paragraphs on blank lines, lines within them.</summary>
public static class StoryText
{
    public static IReadOnlyList<IReadOnlyList<string>> Paragraphs(string? body) =>
        string.IsNullOrEmpty(body)
            ? []
            : [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => (IReadOnlyList<string>)p.Split('\n'))];

    /// <summary>The start of a story, cut at a word boundary near <paramref name="length"/> characters.</summary>
    public static string Excerpt(string body, int length)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length <= length)
        {
            return body;
        }

        var cut = body.LastIndexOf(' ', length);
        if (cut <= length / 2)
        {
            cut = char.IsLowSurrogate(body[length]) ? length - 1 : length;
        }

        return string.Concat(body.AsSpan(0, cut).TrimEnd(), "…");
    }
}
