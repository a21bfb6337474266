namespace StreamWorker.Simulator.Generation;

/// <summary>One line of a deliveries NDJSON file: <c>{"send_offset_ms":…,"kind":"…","event":"…","body":"&lt;exact request body&gt;"}</c>.</summary>
internal sealed record DeliveryLine(long SendOffsetMs, string? Kind, string? Event, string Body);
