using System.Net;
using System.Net.Sockets;

namespace Community.Testing;

public static class Repository
{
    /// <summary>The folder holding Community.sln, found from the test binaries upwards.</summary>
    public static string Root { get; } = FindRoot();

    public static string Scripts => Path.Combine(Root, "scripts", "local");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Community.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Community.sln not found above " + AppContext.BaseDirectory);
    }
}

public static class FreePorts
{
    /// <summary>
    /// A port nobody listens on right now, for a server a test starts. Taken below Linux's ephemeral range (32768 and
    /// up): a port the OS handed out could be handed out again, to any outgoing connection, while a test has its
    /// server stopped — the broker-outage test then could not start RabbitMQ again on its own port.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("No free port between 20000 and 32000.");
    }
}

/// <summary>Waits for something eventually true (an event consumed in another service), failing with a reason.</summary>
public static class Eventually
{
    /// <param name="hopeless">Checked before each probe: an exception to fail with at once (the awaited server's
    /// process has exited), or null to go on waiting.</param>
    public static async Task<T> Get<T>(Func<Task<T?>> probe, TimeSpan timeout, string what, Func<Exception?>? hopeless = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (hopeless?.Invoke() is { } reason)
            {
                throw reason;
            }

            try
            {
                var value = await probe();
                if (value is not null && !value.Equals(default(T)))
                {
                    return value;
                }
            }
            catch (Exception ex)
            {
                last = ex;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.", last);
    }

    public static Task True(Func<Task<bool>> probe, TimeSpan timeout, string what, Func<Exception?>? hopeless = null) =>
        Get(async () => await probe() ? (object)true : null, timeout, what, hopeless);
}

/// <summary>A test server's process ended while it was starting (e.g. one of its ports was taken meanwhile).</summary>
public sealed class ServerExitedException(string message) : Exception(message);

/// <summary>Starts a server on fresh free ports, again on other ports if it exits while starting.</summary>
public static class FreshPorts
{
    /// <summary>
    /// A free port is only free when it was probed: another test process may take it before the server binds it
    /// (RabbitMQ then exits with <c>eaddrinuse</c>). Three tries on new ports make that a non-event.
    /// </summary>
    public static async Task<T> StartAsync<T>(Func<Task<T>> start, string what)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (ServerExitedException ex) when (attempt < 3)
            {
                Console.Error.WriteLine($"{what} exited while starting (attempt {attempt}); trying other ports.\n{ex.Message}");
            }
        }
    }
}
