namespace StreamWorker.Simulator.Generation;

/// <summary>A file a host keeps in the platform's drive: its name with extension and its size in bytes.</summary>
internal readonly record struct DriveFile(string Filename, long SizeBytes);
