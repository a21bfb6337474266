namespace StreamWorker.Simulator.Generation;

/// <summary>The snake_case names of <see cref="DeliveryKind"/> used in NDJSON files.</summary>
internal static class DeliveryKindNames
{
    public static string ToName(DeliveryKind kind) => kind switch
    {
        DeliveryKind.Original => "original",
        DeliveryKind.Duplicate => "duplicate",
        DeliveryKind.OutOfOrder => "out_of_order",
        DeliveryKind.Late => "late",
        DeliveryKind.Unknown => "unknown",
        DeliveryKind.Invalid => "invalid",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Unrecognised or absent kinds read as <see cref="DeliveryKind.Original"/>, so hand-written files need only a body.</summary>
    public static DeliveryKind Parse(string? name) => name switch
    {
        "duplicate" => DeliveryKind.Duplicate,
        "out_of_order" => DeliveryKind.OutOfOrder,
        "late" => DeliveryKind.Late,
        "unknown" => DeliveryKind.Unknown,
        "invalid" => DeliveryKind.Invalid,
        _ => DeliveryKind.Original,
    };
}
