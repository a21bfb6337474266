namespace StreamWorker.Simulator.Watch;

/// <summary>The latest record of one (key, window) of a topic, or of one session, already formatted for display.</summary>
internal sealed record WindowRow(string Key, string WindowStart, double Size, IReadOnlyList<string> Cells);
