namespace MeToo.Web.Domain;

/// <summary>The two screening lists: banned words mark a story strongly, suspect words ask for a closer look.</summary>
public enum WordList
{
    Banned = 1,
    Suspect = 2,
}
