namespace StreamWorker.Events;

/// <summary>The values of <c>participant_role</c> (docs/webhook-events.md).</summary>
public static class ParticipantRoles
{
    public const string Organizer = "organizer";
    public const string Moderator = "moderator";
    public const string Participant = "participant";

    /// <summary>Every value, in the order of the documentation.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly([Organizer, Moderator, Participant]);
}
