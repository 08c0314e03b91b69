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

    /// <summary>
    /// The story laid out as <see cref="Paragraphs"/> does, with each line cut into segments that
    /// say which finding, if any, they belong to — so a view can mark them and still encode every character.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<Segment>>> Highlight(string body, IReadOnlyList<Privacy.Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(findings);
        var paragraphs = new List<IReadOnlyList<IReadOnlyList<Segment>>>();
        var current = new List<IReadOnlyList<Segment>>();
        var offset = 0;
        foreach (var line in body.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0)
                {
                    paragraphs.Add(current);
                    current = [];
                }
            }
            else
            {
                current.Add(Segments(line, offset, findings));
            }

            offset += line.Length + 1;
        }

        if (current.Count > 0)
        {
            paragraphs.Add(current);
        }

        return paragraphs;
    }

    private static List<Segment> Segments(string line, int lineStart, IReadOnlyList<Privacy.Finding> findings)
    {
        var segments = new List<Segment>();
        var position = 0;
        foreach (var finding in findings.Where(f => f.Start < lineStart + line.Length && f.End > lineStart).OrderBy(f => f.Start))
        {
            var start = Math.Max(finding.Start - lineStart, position);
            var end = Math.Min(finding.End - lineStart, line.Length);
            if (start >= end)
            {
                continue;
            }

            if (start > position)
            {
                segments.Add(new Segment(line[position..start], null));
            }

            segments.Add(new Segment(line[start..end], finding.Kind));
            position = end;
        }

        if (position < line.Length)
        {
            segments.Add(new Segment(line[position..], null));
        }

        return segments;
    }

    public sealed record Segment(string Text, Privacy.DetailKind? Kind);
}
