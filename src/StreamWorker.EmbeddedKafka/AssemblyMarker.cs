namespace StreamWorker.EmbeddedKafka;

internal static class AssemblyMarker;
