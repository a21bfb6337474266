namespace StreamWorker.Tests.Support;

/// <summary>Whether a Docker engine answers here, so Testcontainers tests can run (and say why not otherwise).</summary>
public static class DockerAvailability
{
    private static readonly Lazy<(bool Available, string Reason)> Probe = new(Check);

    public static bool IsAvailable(out string reason)
    {
        (var available, reason) = Probe.Value;
        return available;
    }

    private static (bool, string) Check()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrEmpty(host) && !File.Exists("/var/run/docker.sock"))
        {
            return (false, "no DOCKER_HOST and no /var/run/docker.sock on this machine");
        }

        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            if (!process.WaitForExit(15_000))
            {
                process.Kill();
                return (false, "`docker info` did not answer within 15 s");
            }

            return process.ExitCode == 0 ? (true, string.Empty) : (false, "`docker info` failed: the Docker engine is not running");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No docker CLI: Testcontainers talks to the socket directly, so the socket's presence is enough.
            return (true, string.Empty);
        }
    }
}
