namespace MeToo.Web.Privacy;

/// <summary>
/// The one rule for small groups (privacy rule 15), used by the statistics, the open data set and the
/// preview's warning. What it protects depends on what is counted:
/// <list type="bullet">
/// <item><b>What is only counted</b> — #MeToo taps, support — is never shown one by one anywhere, so a
/// small count is suppressed, and so many others beside it that none can be worked out from the
/// total and its siblings on the same page (<see cref="SuppressCounts"/>).</item>
/// <item><b>Published stories</b> are public one by one: the filtered list shows each. Their counts
/// are shown exactly; suppressing them would pretend to hide what the list shows.</item>
/// <item><b>The open data set</b> is k-anonymous over the combination of the attributes it carries
/// (<see cref="Anonymize{TRow}"/>), not over each alone.</item>
/// <item><b>The preview</b> warns when fewer published stories than the threshold share an author's
/// country, year, setting and language (<see cref="IsSmall"/>).</item>
/// </list>
/// It protects one snapshot — one page, one export — not differences between them: a reader who
/// watches a total move from one day to the next learns that something was counted, never by whom.
/// </summary>
public sealed class SmallGroups
{
    public SmallGroups(int threshold) => Threshold = Math.Max(threshold, 1);

    /// <summary>The smallest group shown; below it, a group is small.</summary>
    public int Threshold { get; }

    /// <summary>Whether a group of <paramref name="count"/> is too small to stand alone.</summary>
    public bool IsSmall(int count) => count < Threshold;

    /// <summary>
    /// Counts of what is only counted, as siblings whose total may be shown beside them (a chart and
    /// its total): every count from 1 to the threshold less one is suppressed (null), then more cells
    /// — the smallest first, a zero last — until at least two are suppressed and together they reach
    /// the threshold where the cells allow it, so that no suppressed cell equals the total less the
    /// cells shown. Zeros are shown (nothing was counted, which identifies no one) unless one is needed for that.
    /// </summary>
    public IReadOnlyList<int?> SuppressCounts(IReadOnlyList<int> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var suppressed = new bool[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            suppressed[i] = cells[i] > 0 && IsSmall(cells[i]);
        }

        if (suppressed.Any(s => s))
        {
            // The smallest non-zero cells shown join until two or more are hidden and they reach the threshold.
            var candidates = Enumerable.Range(0, cells.Count).Where(i => !suppressed[i] && cells[i] > 0).OrderBy(i => cells[i]).ThenBy(i => i).ToList();
            foreach (var i in candidates)
            {
                if (suppressed.Count(s => s) >= 2 && Enumerable.Range(0, cells.Count).Where(j => suppressed[j]).Sum(j => cells[j]) >= Threshold)
                {
                    break;
                }

                suppressed[i] = true;
            }

            if (suppressed.Count(s => s) == 1 && Array.FindIndex(suppressed, s => !s) is var zero and >= 0)
            {
                suppressed[zero] = true; // a lone hidden cell would be the total less the others
            }
        }

        return [.. cells.Select((count, i) => suppressed[i] ? (int?)null : count)];
    }

    /// <summary>
    /// Rows made k-anonymous (k = the threshold) over their quasi-identifiers: rows whose combination
    /// (<paramref name="quasiIdentifier"/>) fewer than k rows share are generalised one step at a time
    /// (<paramref name="generalizations"/>, the most identifying first: a country left out, then a
    /// language, a month made a year...), each step judged on every row; a row whose combination stays
    /// small after the last step is left out. A row's group only grows once it is large enough, so
    /// every combination in the result is shared by at least k rows.
    /// </summary>
    public IReadOnlyList<TRow> Anonymize<TRow>(IReadOnlyList<TRow> rows, Func<TRow, string> quasiIdentifier, IReadOnlyList<Func<TRow, TRow>> generalizations)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(quasiIdentifier);
        ArgumentNullException.ThrowIfNull(generalizations);
        var current = rows.ToArray();
        var settled = new bool[current.Length];
        for (var step = 0; ; step++)
        {
            var sizes = current.GroupBy(quasiIdentifier, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            for (var i = 0; i < current.Length; i++)
            {
                settled[i] |= !IsSmall(sizes[quasiIdentifier(current[i])]);
            }

            if (step == generalizations.Count || settled.All(s => s))
            {
                break;
            }

            for (var i = 0; i < current.Length; i++)
            {
                if (!settled[i])
                {
                    current[i] = generalizations[step](current[i]);
                }
            }
        }

        return [.. current.Where((_, i) => settled[i])];
    }
}
