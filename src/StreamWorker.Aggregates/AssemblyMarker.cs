namespace StreamWorker.Aggregates;

internal static class AssemblyMarker;
