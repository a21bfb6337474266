using System.Reflection;
using System.Runtime.InteropServices;

namespace StreamWorker.EmbeddedKafka.Native;

/// <summary>
/// Points this assembly's <c>librdkafka</c> imports at the very file Confluent.Kafka loaded.
/// A plain probe for "librdkafka" picks the package's default build, which fails on Debian 12
/// (libsasl2.so.3 missing); Confluent.Kafka falls back to another build, and sharing that file
/// also avoids two copies of librdkafka in one process.
/// </summary>
internal static class LibRdKafkaResolver
{
    private static readonly Lock Gate = new();
    private static IntPtr handle;
    private static bool registered;

    /// <summary>Registers the resolver once per process; safe to call from any thread.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(LibRdKafkaResolver).Assembly, Resolve);
            registered = true;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibRdKafka.LibraryName)
        {
            return IntPtr.Zero;
        }

        lock (Gate)
        {
            if (handle == IntPtr.Zero)
            {
                handle = Load();
            }

            return handle;
        }
    }

    private static IntPtr Load()
    {
        // Confluent.Kafka tries its candidate builds in order and keeps the first that loads.
        Confluent.Kafka.Library.Load();

        var loadedPath = FindMappedLibRdKafka();
        if (loadedPath is not null && NativeLibrary.TryLoad(loadedPath, out var loaded))
        {
            return loaded;
        }

        foreach (var candidate in PackagedCandidates())
        {
            if (NativeLibrary.TryLoad(candidate, out var fallback))
            {
                return fallback;
            }
        }

        throw new EmbeddedKafkaException(
            "Could not load librdkafka for the embedded Kafka broker; Confluent.Kafka's native library was not found.");
    }

    /// <summary>On Linux, the path of the librdkafka build mapped into this process (the one Confluent.Kafka loaded).</summary>
    private static string? FindMappedLibRdKafka()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            var pathStart = line.IndexOf('/', StringComparison.Ordinal);
            if (pathStart < 0)
            {
                continue;
            }

            var path = line[pathStart..].Trim();
            if (Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            {
                return path;
            }
        }

        return null;
    }

    private static IEnumerable<string> PackagedCandidates()
    {
        var nativeDirectory = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        var linuxDirectory = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        foreach (var directory in new[] { nativeDirectory, linuxDirectory, AppContext.BaseDirectory })
        {
            yield return Path.Combine(directory, "librdkafka.so");
            yield return Path.Combine(directory, "centos8-librdkafka.so");
            yield return Path.Combine(directory, "alpine-librdkafka.so");
        }
    }
}
