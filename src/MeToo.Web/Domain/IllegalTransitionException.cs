namespace MeToo.Web.Domain;

/// <summary>Thrown when a story is asked to move between states the moderation model (docs/moderation.md) does not allow.</summary>
public sealed class IllegalTransitionException : InvalidOperationException
{
    public IllegalTransitionException(StoryStatus from, string action)
        : base($"A story that is {from} cannot be {action}.")
    {
        From = from;
        Action = action;
    }

    public IllegalTransitionException()
    {
        Action = string.Empty;
    }

    public IllegalTransitionException(string message)
        : base(message)
    {
        Action = string.Empty;
    }

    public IllegalTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Action = string.Empty;
    }

    public StoryStatus From { get; }

    public string Action { get; }
}
