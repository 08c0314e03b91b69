namespace MeToo.Web.Domain;

/// <summary>
/// A word or phrase that marks a story for moderators; lists are seeded from <c>seeds/</c> and
/// edited by admins. Each belongs to the lists of one story language, or to those of every language.
/// </summary>
public sealed class ScreeningWord
{
    /// <summary>The <see cref="Language"/> of the lists that screen stories in every language.</summary>
    public const string EveryLanguage = "";

    private ScreeningWord()
    {
        Text = string.Empty;
        Language = EveryLanguage;
    }

    public ScreeningWord(WordList list, string text, string language = EveryLanguage)
    {
        List = list;
        Text = text;
        Language = language;
    }

    /// <summary>
    /// The story language whose stories this word screens (a code of <see cref="StoryLanguages"/>),
    /// or <see cref="EveryLanguage"/>: a word hostile in one language may be harmless in another.
    /// </summary>
    public string Language { get; private set; }

    public long Id { get; private set; }

    public WordList List { get; private set; }

    public string Text { get; private set; }
}
