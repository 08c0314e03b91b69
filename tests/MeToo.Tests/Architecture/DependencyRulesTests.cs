using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace MeToo.Tests.Architecture;

/// <summary>
/// The shape of the house (docs/architecture.md), read from the compiled
/// assembly's type references — method bodies included — so a rule cannot be broken by a stray
/// <c>using</c>, a fully qualified name or a lambda:
/// <c>Privacy</c> uses nothing of ours; <c>Domain</c> only <c>Privacy</c>; <c>Data</c> only
/// <c>Domain</c> and <c>Privacy</c>; the feature folders use <c>Domain</c>, <c>Privacy</c>,
/// <c>Data</c> and <c>Infrastructure</c>, never each other; <c>Infrastructure</c> uses no feature
/// folder; nothing uses <c>Pages</c> or <c>Endpoints</c> (the web surface); no cycles between folders.
/// </summary>
public sealed class DependencyRulesTests
{
    private const string Root = "MeToo.Web";

    private static readonly string[] Features = ["Moderation", "Reading", "Sharing", "Staff", "Support"];

    private static readonly string[] Surface = ["Pages", "Endpoints"];

    /// <summary>What each folder may use besides itself. The composition root (<c>Program</c>) may use anything.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Privacy"] = [],
        ["Domain"] = ["Privacy"],
        ["Data"] = ["Domain", "Privacy"],
        ["Infrastructure"] = ["Domain", "Privacy", "Data", "Resources"],
        ["Moderation"] = ["Domain", "Privacy", "Data", "Infrastructure", "Resources"],
        ["Reading"] = ["Domain", "Privacy", "Data", "Infrastructure", "Resources"],
        ["Sharing"] = ["Domain", "Privacy", "Data", "Infrastructure", "Resources"],
        ["Staff"] = ["Domain", "Privacy", "Data", "Infrastructure", "Resources"],
        ["Support"] = ["Domain", "Privacy", "Data", "Infrastructure", "Resources"],
        ["Endpoints"] = ["Domain", "Privacy", "Data", "Infrastructure", "Resources", .. Features],
        ["Pages"] = ["Domain", "Privacy", "Data", "Infrastructure", "Resources", "Endpoints", .. Features],
        ["Resources"] = [],
    };

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Loaded =
        new(() => new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build());

    /// <summary>Every reference from a type of ours to a type of ours in another folder.</summary>
    private static readonly Lazy<IReadOnlyList<(string From, string To, string FromType, string ToType)>> Edges = new(() =>
        [.. Loaded.Value.Types
            .Where(t => FolderOf(t) is not null)
            .SelectMany(t => t.Dependencies.Select(d => (Origin: t, d.Target)))
            .Select(d => (From: FolderOf(d.Origin)!, To: FolderOf(d.Target), FromType: d.Origin.FullName, ToType: d.Target.FullName))
            .Where(e => e.To is not null && e.From != e.To)
            .Select(e => (e.From, e.To!, e.FromType, e.ToType))
            .Distinct()]);

    /// <summary>The folder a type lives in: <c>MeToo.Web.Data.Configurations.X</c> → <c>Data</c>; compiled views are pages.</summary>
    private static string? FolderOf(IType type)
    {
        var name = type.FullName;
        if (name.StartsWith("AspNetCoreGeneratedDocument.", StringComparison.Ordinal))
        {
            return "Pages";
        }

        if (name == $"{Root}.SharedResource")
        {
            return "Resources";
        }

        if (!name.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null; // the framework, libraries, and the composition root Program
        }

        var rest = name[(Root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? null : rest[..dot];
    }

    [Fact]
    public void EveryFolder_HasItsRules()
    {
        var folders = Loaded.Value.Types.Select(FolderOf).OfType<string>().Distinct().ToList();

        Assert.Contains("Domain", folders);
        Assert.Contains("Pages", folders);
        Assert.All(folders, folder => Assert.True(Allowed.ContainsKey(folder), $"The folder {folder} has no dependency rule: add it to {nameof(DependencyRulesTests)} and docs/architecture.md."));
    }

    [Theory]
    [InlineData("Privacy")]
    [InlineData("Domain")]
    [InlineData("Data")]
    [InlineData("Infrastructure")]
    [InlineData("Moderation")]
    [InlineData("Reading")]
    [InlineData("Sharing")]
    [InlineData("Staff")]
    [InlineData("Support")]
    [InlineData("Endpoints")]
    [InlineData("Pages")]
    public void AFolder_UsesOnlyWhatItsRuleAllows(string folder)
    {
        var allowed = Allowed[folder];
        var forbidden = Edges.Value.Where(e => e.From == folder && !allowed.Contains(e.To)).Select(e => $"{e.FromType} → {e.ToType}").ToList();

        Assert.True(Edges.Value.Any(e => e.From == folder) || folder == "Privacy", $"No references at all were read from {folder}: the test would pass whatever the code did.");
        Assert.True(forbidden.Count == 0, $"{folder} may use only [{string.Join(", ", allowed)}], but:\n" + string.Join('\n', forbidden));
    }

    [Fact]
    public void NothingUsesTheWebSurface()
    {
        var offending = Edges.Value.Where(e => Surface.Contains(e.To) && !Surface.Contains(e.From)).Select(e => $"{e.FromType} → {e.ToType}").ToList();

        Assert.True(offending.Count == 0, "Pages and Endpoints are the surface; nothing may use them:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void FeatureFolders_DoNotUseEachOther()
    {
        var offending = Edges.Value.Where(e => Features.Contains(e.From) && Features.Contains(e.To)).Select(e => $"{e.FromType} → {e.ToType}").ToList();

        Assert.True(offending.Count == 0, "A feature folder uses another; move what they share to Domain, Data or Infrastructure:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void ThereAreNoCyclesBetweenFolders()
    {
        var graph = Edges.Value.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().ToList());
        var cycles = new List<string>();
        foreach (var start in graph.Keys)
        {
            var path = new Stack<string>();
            if (FindCycle(graph, start, start, path, []))
            {
                cycles.Add(string.Join(" → ", path.Reverse().Prepend(start)));
            }
        }

        Assert.True(cycles.Count == 0, "Folders depend on each other in a circle:\n" + string.Join('\n', cycles.Distinct()));
    }

    [Fact]
    public void TheTestSeesReferencesInsideMethodBodies()
    {
        // StoryErasure reaches DatabaseSetup (Data) only by a static call inside an async method: a
        // test that read signatures alone would miss references like it.
        Assert.Contains(Edges.Value, e => e.FromType.StartsWith($"{Root}.Infrastructure.StoryErasure", StringComparison.Ordinal) && e.ToType == $"{Root}.Data.DatabaseSetup");
        Assert.Contains(Edges.Value, e => e.From == "Endpoints" && e.To == "Support");
    }

    private static bool FindCycle(Dictionary<string, List<string>> graph, string start, string at, Stack<string> path, HashSet<string> seen)
    {
        foreach (var next in graph.GetValueOrDefault(at) ?? [])
        {
            path.Push(next);
            if (next == start || (seen.Add(next) && FindCycle(graph, start, next, path, seen)))
            {
                return true;
            }

            path.Pop();
        }

        return false;
    }
}
