namespace StreamWorker.Events;

/// <summary>One documented field of an event's payload.</summary>
internal sealed record PayloadField(string Name, PayloadFieldKind Kind, bool Required, IReadOnlyList<string>? AllowedValues = null)
{
    public static PayloadField Id(string name) => new(name, PayloadFieldKind.Identifier, Required: true);

    public static PayloadField OptionalId(string name) => new(name, PayloadFieldKind.Identifier, Required: false);

    public static PayloadField Text(string name) => new(name, PayloadFieldKind.Text, Required: true);

    public static PayloadField OptionalText(string name) => new(name, PayloadFieldKind.Text, Required: false);

    public static PayloadField OneOf(string name, IReadOnlyList<string> allowedValues) =>
        new(name, PayloadFieldKind.Enumeration, Required: true, allowedValues);
}
