namespace MeToo.Web.Data;

/// <summary>
/// Search on PostgreSQL, tokenised as SQLite's FTS5 <c>unicode61 remove_diacritics 2</c> does, so the
/// same words find the same stories on both engines: diacritics folded (<c>unaccent</c>), every run of
/// letters and digits one word, lower case, no stemming and no stop words. <c>unaccent()</c> as a
/// function is only stable and may not sit in a generated column; as a dictionary of the text search
/// configuration <c>metoo</c> it runs inside <c>to_tsvector(regconfig, text)</c>, which is immutable.
/// </summary>
public static class PostgresSearch
{
    public const string Column = "SearchVector";
    public const string Index = "IX_Stories_SearchVector";
    public const string Configuration = "metoo";
    public const string SplitFunction = "metoo_search_words";

    /// <summary>The generated column's expression: the words of the title and the text.</summary>
    public const string VectorOfStory = $"to_tsvector('{Configuration}'::regconfig, {SplitFunction}(coalesce(\"Title\", '') || ' ' || \"Body\"))";

    // The configuration and the split are made by the migration InitialPostgres (its SQL inlined there):
    // the configuration is `simple` (lower case, no stemming, no stop words) with `unaccent` before it
    // for every kind of word; the split turns everything but letters and digits into spaces, as FTS5's
    // `unicode61` does, so that PostgreSQL's parser never sees an e-mail address, a URL or a
    // hyphenated word whole: ASCII by its classes, other characters by the Unicode punctuation
    // blocks, so the split is the same whatever the database's locale.
}
