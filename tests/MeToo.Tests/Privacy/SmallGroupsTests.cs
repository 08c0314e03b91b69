using MeToo.Web.Privacy;

namespace MeToo.Tests.Privacy;

/// <summary>The one rule for small groups (privacy rule 15): what it claims, tested as it claims it.</summary>
public sealed class SmallGroupsTests
{
    private readonly SmallGroups _groups = new(10);

    /// <summary>The audit's subtraction: a total of 15 beside 12 showed the suppressed 3.</summary>
    [Fact]
    public void ALoneSmallCount_TakesItsSmallestSiblingWithIt_SoTheTotalGivesNeitherAway()
    {
        var shown = _groups.SuppressCounts([12, 3, 0, 0]);

        Assert.Equal([null, null, 0, 0], shown);
    }

    [Fact]
    public void ASmallCountAloneAmongZeros_HidesAZeroToo()
    {
        var shown = _groups.SuppressCounts([0, 4, 0]);

        Assert.Equal(2, shown.Count(v => v is null));
        Assert.Null(shown[1]);
    }

    [Fact]
    public void LargeCountsAndZeros_AreShownAsTheyAre_WhenNothingIsSmall()
    {
        Assert.Equal([0, 10, 250, 0], _groups.SuppressCounts([0, 10, 250, 0]));
    }

    /// <summary>
    /// For every page of counts (random, seeded): every small count is hidden; where anything is
    /// hidden, two or more cells are, so none equals the total less the cells shown; and together the
    /// hidden cells reach the threshold wherever the cells allow it.
    /// </summary>
    [Fact]
    public void OnAnyPage_NoSuppressedCountCanBeWorkedOutFromTheTotal()
    {
        var random = new Random(2026);
        for (var page = 0; page < 5000; page++)
        {
            var cells = Enumerable.Range(0, random.Next(2, 31)).Select(_ => random.Next(4) == 0 ? 0 : random.Next(1, 40)).ToList();
            var shown = _groups.SuppressCounts(cells);
            var hidden = Enumerable.Range(0, cells.Count).Where(i => shown[i] is null).ToList();

            Assert.All(Enumerable.Range(0, cells.Count), i => Assert.True(cells[i] is 0 or >= 10 || shown[i] is null, $"a small count shown: {string.Join(",", cells)}"));
            Assert.All(Enumerable.Range(0, cells.Count).Where(i => shown[i] is not null), i => Assert.Equal(cells[i], shown[i]));
            Assert.True(hidden.Count != 1, $"one hidden cell is the total less the others: {string.Join(",", cells)}");
            var nonZeroShown = Enumerable.Range(0, cells.Count).Any(i => shown[i] is not null && cells[i] > 0);
            Assert.True(hidden.Count == 0 || hidden.Sum(i => cells[i]) >= 10 || !nonZeroShown, $"the hidden cells sum below the threshold while more could hide: {string.Join(",", cells)}");
        }
    }

    private sealed record Row(string? Country, string? Language, string Text);

    private static string Key(Row row) => $"{row.Country}|{row.Language}";

    private static readonly Func<Row, Row>[] Steps = [row => row with { Country = null }, row => row with { Language = null }];

    [Fact]
    public void Anonymize_LeavesLargeGroupsAlone_GeneralisesSmallOnes_AndLeavesOutWhatStaysSmall()
    {
        var rows = Enumerable.Range(0, 10).Select(i => new Row("GB", "en", $"gb-{i}"))
            .Concat(Enumerable.Range(0, 6).Select(i => new Row("IE", "en", $"ie-{i}")))
            .Concat(Enumerable.Range(0, 4).Select(i => new Row("MT", "en", $"mt-{i}")))
            .Concat([new Row("IS", "is", "alone")])
            .ToList();

        var result = _groups.Anonymize(rows, Key, Steps);

        Assert.Equal(10, result.Count(r => r.Country == "GB")); // a group of ten keeps its country
        Assert.Equal(10, result.Count(r => r.Country is null && r.Language == "en")); // Ireland's six and Malta's four: English, no country
        Assert.DoesNotContain(result, r => r.Text == "alone"); // one in Icelandic stays a group of one: left out
        Assert.All(result.GroupBy(Key), g => Assert.True(g.Count() >= 10, $"group {g.Key} has {g.Count()}"));
    }

    [Fact]
    public void Anonymize_OfAnyRows_GivesOnlyGroupsOfTheThreshold()
    {
        var random = new Random(7);
        for (var run = 0; run < 500; run++)
        {
            string[] countries = ["GB", "IE", "FR", "ES", "MX"];
            string[] languages = ["en", "fr", "es"];
            var rows = Enumerable.Range(0, random.Next(0, 60))
                .Select(i => new Row(countries[random.Next(countries.Length)], languages[random.Next(languages.Length)], i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();

            var result = _groups.Anonymize(rows, Key, Steps);

            Assert.All(result.GroupBy(Key), g => Assert.True(g.Count() >= 10));
            Assert.Equal(result.Count, result.Select(r => r.Text).Distinct().Count());
        }
    }
}
