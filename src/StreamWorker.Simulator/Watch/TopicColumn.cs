using System.Text.Json;

namespace StreamWorker.Simulator.Watch;

/// <summary>One column of a live table: its header and how to show it from an output record.</summary>
internal sealed record TopicColumn(string Header, Func<JsonElement, string> Format);
