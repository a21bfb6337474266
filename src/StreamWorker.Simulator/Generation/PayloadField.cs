using StreamWorker.Events;

namespace StreamWorker.Simulator.Generation;

/// <summary>One field of an event payload: a number (identifiers, sizes) or a string.</summary>
internal readonly record struct PayloadField(string Name, long? Number, string? Text)
{
    public static PayloadField Of(string name, long number) => new(name, number, null);

    public static PayloadField Of(string name, string text) => new(name, null, text);

    public bool IsIdentifier => Number is not null && (Name.EndsWith("_id", StringComparison.Ordinal) || Name == PayloadFieldNames.Id);
}
