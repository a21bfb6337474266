namespace StreamWorker.Events;

/// <summary>How a documented payload field is validated and stored.</summary>
internal enum PayloadFieldKind
{
    /// <summary>A non-negative integer (JSON number or numeric string), stored as a JSON integer.</summary>
    Identifier,

    /// <summary>A JSON string.</summary>
    Text,

    /// <summary>One of a fixed set of strings.</summary>
    Enumeration,
}
